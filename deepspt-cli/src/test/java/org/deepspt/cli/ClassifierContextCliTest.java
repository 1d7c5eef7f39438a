package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepspt.fingerprint.FingerprintFeature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train-classifier and classify on track files segment exactly as fingerprint does (the --model choice with its
 * post-processing), and classify checks the input against what the classifier was trained on: dimension (error),
 * frame interval, length unit, segmenter, post-processing and fingerprint version (one warning), and says once what
 * it cannot check (a version 1 model file, a fingerprint CSV without the context columns). Before: classify and
 * train-classifier segmented track files without smoothing, boundary refinement or D changes (fingerprint CSVs and
 * their track files gave different labels: 133 of 600 in review), and nothing but the segmenter of track input was
 * checked.
 */
class ClassifierContextCliTest {

    @TempDir
    static Path shared;

    /** 40 simulated 2D tracks (frame interval 1 s), labels even/odd, a unet classifier trained on the tracks. */
    static Path tracks;
    static Path labels;
    static Path model;
    /** The fingerprint CSV of {@link #tracks} made by fingerprint with its defaults. */
    static Path fingerprints;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnTracks() throws Exception {
        tracks = shared.resolve("tracks.csv");
        ok(CliRun.run("simulate", "--tracks", "40", "--seed", "11", "--out", tracks.toString()));
        StringBuilder lab = new StringBuilder("particle,label\n");
        for (int i = 0; i < 40; i++) {
            lab.append(i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        labels = Files.writeString(shared.resolve("labels.csv"), lab);
        model = shared.resolve("model.json");
        ok(CliRun.run("train-classifier", "--in", tracks.toString(), "--labels", labels.toString(), "--out",
                model.toString(), "--folds", "0"));
        fingerprints = shared.resolve("fp.csv");
        ok(CliRun.run("fingerprint", "--in", tracks.toString(), "--out", fingerprints.toString()));
    }

    private static CliRun ok(CliRun r) {
        assertEquals(0, r.code(), r.err());
        return r;
    }

    private static List<String> warnings(CliRun r) {
        // the test CSVs declare no units: that warning is InputUnitsCliTest's
        return r.err().lines().filter(l -> l.startsWith("warning:") && !l.contains(": units assumed: ")).toList();
    }

    private CliRun classify(Path classifier, Path in, String name, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("classify", "--classifier", classifier.toString(),
                "--in", in.toString(), "--out", dir.resolve(name).toString()));
        args.addAll(List.of(more));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\" : (\"[^\"]*\"|[^,\\n]*)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    @Test
    void aFingerprintCsvAndItsTrackFileClassifyIdentically() throws Exception {
        CliRun fromCsv = ok(classify(model, fingerprints, "from-csv.csv"));
        CliRun fromTracks = ok(classify(model, tracks, "from-tracks.csv"));
        List<String> a = Files.readAllLines(dir.resolve("from-csv.csv"));
        List<String> b = Files.readAllLines(dir.resolve("from-tracks.csv"));
        assertEquals(41, a.size());
        assertEquals(a, b, "labels and probabilities");
        assertEquals(List.of(), warnings(fromCsv), fromCsv.err());
        assertEquals(List.of(), warnings(fromTracks), fromTracks.err());
        // Trained on the CSV, the model is the one trained on the tracks: same data hash, same context.
        Path m2 = dir.resolve("m2.json");
        ok(CliRun.run("train-classifier", "--in", fingerprints.toString(), "--labels", labels.toString(), "--out",
                m2.toString(), "--folds", "0"));
        String trackJson = Files.readString(model);
        String csvJson = Files.readString(m2);
        assertEquals(field(trackJson, "data_sha256"), field(csvJson, "data_sha256"));
        assertEquals(trackJson.substring(trackJson.indexOf("\"fingerprints\""), trackJson.indexOf("\"method\"")),
                csvJson.substring(csvJson.indexOf("\"fingerprints\""), csvJson.indexOf("\"method\"")));
        assertEquals("\"smooth=9.0;refine=on;d-changes=on;min-segment=1\"", field(trackJson, "post_processing"));
        assertEquals("\"unet\"", field(trackJson, "segmenter"));
        assertEquals("2", field(trackJson, "dimension"));
        assertEquals("\"µm\"", field(trackJson, "length_unit"));
        assertEquals("" + FingerprintFeature.DEFINITION_VERSION, field(trackJson, "definition_version"));
        assertTrue(trackJson.contains("\"frame_interval_s\" : [ 1.0 ]"), trackJson);
    }

    @Test
    void postProcessingOptionsAreTakenAndRecorded() throws Exception {
        Path raw = dir.resolve("raw.csv");
        ok(CliRun.run("fingerprint", "--in", tracks.toString(), "--out", raw.toString(), "--no-smooth",
                "--no-d-changes"));
        Path m = dir.resolve("raw.json");
        ok(CliRun.run("train-classifier", "--in", tracks.toString(), "--labels", labels.toString(), "--out",
                m.toString(), "--folds", "0", "--no-smooth", "--no-d-changes"));
        String post = field(Files.readString(m), "post_processing");
        assertTrue(post.startsWith("\"smooth=0.0;") && post.contains(";d-changes=off;"), post);
        ok(classify(m, raw, "raw-csv.csv"));
        CliRun t = ok(classify(m, tracks, "raw-tracks.csv", "--no-smooth", "--no-d-changes"));
        assertEquals(List.of(), warnings(t), t.err());
        assertEquals(Files.readAllLines(dir.resolve("raw-csv.csv")), Files.readAllLines(dir.resolve("raw-tracks.csv")));
        // the default post-processing on the same tracks: named in one warning, model against input
        CliRun d = ok(classify(m, tracks, "default.csv"));
        assertEquals(1, warnings(d).size(), d.err());
        assertTrue(warnings(d).get(0).contains("post-processing smooth=9.0;refine=on;d-changes=on;min-segment=1 "
                + "(classifier: smooth=0.0;"), d.err());
    }

    @Test
    void anotherDimensionIsAnError() throws Exception {
        Path t3 = dir.resolve("t3.csv");
        ok(CliRun.run("simulate", "--dim", "3", "--tracks", "6", "--seed", "2", "--out", t3.toString()));
        CliRun c = classify(model, t3, "p3.csv");
        assertEquals(1, c.code(), c.err());
        assertTrue(c.err().contains("error: classifier " + model + " was trained on fingerprints of 2D tracks but "
                + "t3.csv has 3D tracks"), c.err());
        assertTrue(Files.notExists(dir.resolve("p3.csv")));
        Path fp3 = dir.resolve("fp3.csv");
        ok(CliRun.run("fingerprint", "--in", t3.toString(), "--out", fp3.toString(), "--model", "rolling-msd"));
        CliRun csv = classify(model, fp3, "p3b.csv");
        assertEquals(1, csv.code(), csv.err());
        assertTrue(csv.err().contains("has 3D tracks"), csv.err());
        CliRun analyze = CliRun.run("analyze", "--in", t3.toString(), "--out", dir.resolve("an").toString(),
                "--classifier", model.toString());
        assertEquals(1, analyze.code(), analyze.err());
        assertTrue(analyze.err().contains("has 3D tracks"), analyze.err());
    }

    @Test
    void anotherFrameIntervalUnitSegmenterOrVersionIsOneWarning() throws Exception {
        CliRun dt = ok(classify(model, tracks, "dt.csv", "--frame-interval", "0.01"));
        assertEquals(List.of("warning: the fingerprints of tracks.csv differ from those classifier " + model
                + " was trained on: frame interval 0.01 s (classifier: 1 s); D-like features scale with the frame "
                + "interval and length unit, segmentation features change with the segmenter and its "
                + "post-processing: the labels may be wrong (match them with --frame-interval, --pixel-size, --model "
                + "and the post-processing options)"), warnings(dt));
        Path rm = dir.resolve("rm.csv");
        ok(CliRun.run("fingerprint", "--in", tracks.toString(), "--out", rm.toString(), "--model", "rolling-msd"));
        CliRun seg = ok(classify(model, rm, "rm-pred.csv"));
        assertEquals(1, warnings(seg).size(), seg.err());
        assertTrue(warnings(seg).get(0).contains("segmenter 'rolling-msd' (classifier: 'unet'), post-processing "
                + "smooth=9.0;refine=off;d-changes=off;min-segment=1 (classifier: smooth=9.0;refine=on;d-changes=on;"
                + "min-segment=1)"), seg.err());
        // a table in px, and one from another definition version (edited columns)
        List<String> lines = Files.readAllLines(fingerprints);
        String version = "," + FingerprintFeature.DEFINITION_VERSION;
        Path px = Files.write(dir.resolve("px.csv"), lines.stream().map(l -> l.replace(",µm,", ",px,")).toList());
        CliRun unit = ok(classify(model, px, "px-pred.csv"));
        assertEquals(1, warnings(unit).size(), unit.err());
        assertTrue(warnings(unit).get(0).contains(": length unit px (classifier: µm);"), unit.err());
        Path v1 = Files.write(dir.resolve("v1.csv"), lines.stream().map(l -> l.endsWith(version)
                ? l.substring(0, l.length() - version.length()) + ",1" : l).toList());
        CliRun ver = ok(classify(model, v1, "v1-pred.csv"));
        assertEquals(1, warnings(ver).size(), ver.err());
        assertTrue(warnings(ver).get(0).contains(": fingerprint version 1 (classifier: "
                + FingerprintFeature.DEFINITION_VERSION + ");"), ver.err());
        assertNotEquals(List.of(), Files.readAllLines(dir.resolve("v1-pred.csv")));
    }

    @Test
    void whatIsNotRecordedIsSaidOnce() throws Exception {
        // a version 1 model file: no fingerprints context; trained on tracks, its segmenter is a provenance note
        String json = Files.readString(model);
        String v1 = json.replace("\"version\" : 2", "\"version\" : 1")
                .replaceAll("(?s)  \"written_by\" : [^\\n]*\\n  \"fingerprints\" : \\{.*?\\n  },\\n", "");
        assertTrue(!v1.contains("fingerprints") && !v1.contains("written_by"), v1);
        Path old = Files.writeString(dir.resolve("v1.json"), v1);
        CliRun c = ok(classify(old, fingerprints, "old-model.csv"));
        assertEquals(List.of("warning: cannot check the dimension, frame interval, length unit, post-processing and "
                + "fingerprint version of the training fingerprints: model file " + old + " does not record them "
                + "(written by an older version; retrain to record them)"), warnings(c));
        assertEquals(Files.readAllLines(dir.resolve("old-model.csv")), classifyLines(model, fingerprints));
        // a fingerprint CSV without the context columns (as written before them)
        List<String> lines = Files.readAllLines(fingerprints);
        int cut = lines.get(0).indexOf(",dimension,");
        assertTrue(cut > 0, lines.get(0));
        int columns = lines.get(0).substring(0, cut).split(",").length;
        Path bare = Files.write(dir.resolve("bare.csv"), lines.stream()
                .map(l -> String.join(",", List.of(l.split(",")).subList(0, columns))).toList());
        CliRun b = ok(classify(model, bare, "bare-pred.csv"));
        assertEquals(List.of("warning: cannot check the dimension, frame interval, length unit, segmenter, "
                + "post-processing and fingerprint version of bare.csv: it does not record them (a fingerprint CSV "
                + "written by an older version or another tool; make it with fingerprint to record them)"),
                warnings(b));
    }

    private List<String> classifyLines(Path classifier, Path in) throws Exception {
        ok(classify(classifier, in, "again.csv"));
        return Files.readAllLines(dir.resolve("again.csv"));
    }
}
