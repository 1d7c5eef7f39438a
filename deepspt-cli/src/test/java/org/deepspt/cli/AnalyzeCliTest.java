package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.deepspt.api.Classifier;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Prediction;
import org.deepspt.fingerprint.FingerprintFeature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

class AnalyzeCliTest {
    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    @TempDir
    Path dir;

    private Path tracks;

    private record Run(int code, String out, String err) {
    }

    /** Runs a command object the way {@code Main.run} does (same error handling), without registering it. */
    private static Run run(Callable<Integer> command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter e = new PrintWriter(err);
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(e);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            e.println("deepspt " + cmd.getCommandName() + ": error: " + ex.getMessage());
            e.flush();
            return 1;
        });
        int code = cl.execute(args);
        e.flush();
        return new Run(code, out.toString(), err.toString());
    }

    /** Fake classifier: "fast" when α ≥ 1.3. */
    static final class AlphaClassifier implements Classifier {
        @Override
        public Prediction predict(Fingerprint f) {
            double alpha = f.value("alpha"); // NaN below 16 points (no MSD fit): taken as 1, as a classifier imputes
            double p = 1 / (1 + Math.exp(-6 * ((Double.isNaN(alpha) ? 1.0 : alpha) - 1.3)));
            return new Prediction(f.trackId(), p >= 0.5 ? "fast" : "slow", Math.max(p, 1 - p),
                    Map.of("slow", 1 - p, "fast", p));
        }

        @Override
        public List<String> labels() {
            return List.of("slow", "fast");
        }

        @Override
        public List<String> featureNames() {
            return List.of("alpha", "fraction_directed");
        }

        @Override
        public double abstentionThreshold() {
            return 0;
        }
    }

    @BeforeEach
    void simulate() throws Exception {
        tracks = dir.resolve("tracks.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = {"simulate", "--tracks", "30", "--length", "80", "--seed", "4", "--out", tracks.toString()};
        assertEquals(0, Main.run(args, new PrintWriter(out), new PrintWriter(err)), err.toString());
        // Two hostile extra tracks: 3 points (too short for rolling MSD) and an id with markup and a comma
        // (columns particle,frame,x,y,true_D,true_alpha,state as simulate writes them).
        Files.writeString(tracks, "short,0,0.0,0.0,0.01,1.0,0\nshort,1,0.1,0.0,0.01,1.0,0\nshort,2,0.1,0.1,0.01,1.0,0\n"
                + "\"<b>x,y</b>\",0,0.0,0.0,0.01,1.0,0\n\"<b>x,y</b>\",1,0.1,0.0,0.01,1.0,0\n"
                + "\"<b>x,y</b>\",2,0.1,0.2,0.01,1.0,0\n\"<b>x,y</b>\",3,0.3,0.2,0.01,1.0,0\n"
                + "\"<b>x,y</b>\",4,0.2,0.1,0.01,1.0,0\n\"<b>x,y</b>\",5,0.4,0.3,0.01,1.0,0\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private static Document parse(Path html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(html.toFile());
    }

    private static List<String> lines(Path p) throws Exception {
        return Files.readAllLines(p, StandardCharsets.UTF_8);
    }

    @Test
    void analyzeWritesAllOutputsAndAWellFormedReport() throws Exception {
        Path outDir = dir.resolve("out");
        Run r = run(new AnalyzeCommand(), "--in", tracks.toString(), "--out", outDir.toString(), "--model",
                "rolling-msd", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("analysed 31 tracks with rolling-msd"), r.err());
        List<String> seg = lines(outDir.resolve("segmentation.csv"));
        assertEquals("particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive,reliable,reason,segment,x,y,"
                + "interpolated", seg.get(0));
        long points = lines(tracks).size() - 1 - 3;
        assertEquals(points, seg.size() - 1);
        List<String> fp = lines(outDir.resolve("fingerprints.csv"));
        assertEquals("particle," + String.join(",", FingerprintFeature.allNames())
                + ",msd_fit_at_bound,msd_fit_status,dimension,frame_interval_s,length_unit,segmenter,post_processing,"
                + "fingerprint_version", fp.get(0));
        assertEquals(32, fp.size());
        assertEquals(52, fp.get(1).split(",").length);
        assertTrue(fp.get(1).endsWith(",2,1.0,µm,rolling-msd,smooth=9.0;refine=off;d-changes=off;min-segment=1,"
                + org.deepspt.fingerprint.FingerprintFeature.DEFINITION_VERSION), fp.get(1));
        List<String> segs = lines(outDir.resolve("segments.csv"));
        assertEquals("particle,segment,first_frame,last_frame,points,state,mean_probability,D,D_se,alpha,alpha_se,"
                + "lags,fit_status", segs.get(0));
        // the points of the segments add up to those of the segmentation (the id may be quoted with a comma)
        assertEquals(points, segs.stream().skip(1).mapToLong(l -> {
            String rest = l.startsWith("\"") ? l.substring(l.indexOf("\",") + 2) : l.substring(l.indexOf(',') + 1);
            return Long.parseLong(rest.split(",")[3]);
        }).sum());
        assertTrue(fp.get(fp.size() - 1).startsWith("\"<b>x,y</b>\","), fp.get(fp.size() - 1));
        List<String> errors = lines(outDir.resolve("errors.csv"));
        assertEquals(2, errors.size());
        assertTrue(errors.get(1).startsWith("short,REJECTED,segmentation: "), errors.get(1));
        assertFalse(Files.exists(outDir.resolve("predictions.csv")));
        Path html = outDir.resolve("report.html");
        String text = Files.readString(html, StandardCharsets.UTF_8);
        assertFalse(text.contains("<b>x"), "unescaped track id");
        Document doc = parse(html);
        NodeList sections = doc.getElementsByTagNameNS(XHTML, "section");
        assertEquals(6, sections.getLength());
        assertTrue(doc.getDocumentElement().getTextContent().contains("tracks rejected1"));
        Map<String, String> summary = summary(doc);
        assertEquals("rolling-msd", summary.get("segmentation model"));
        assertEquals("rolling-MSD baseline, no model file", summary.get("model file (SHA-256)"));
    }

    /** The report's summary table: header cell → value cell. */
    private static Map<String, String> summary(Document doc) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        org.w3c.dom.Element table = (org.w3c.dom.Element) doc.getElementsByTagNameNS(XHTML, "table").item(0);
        assertEquals("summary", table.getAttribute("class"));
        NodeList rows = table.getElementsByTagNameNS(XHTML, "tr");
        for (int i = 0; i < rows.getLength(); i++) {
            org.w3c.dom.Element tr = (org.w3c.dom.Element) rows.item(i);
            out.put(tr.getElementsByTagNameNS(XHTML, "th").item(0).getTextContent(),
                    tr.getElementsByTagNameNS(XHTML, "td").item(0).getTextContent());
        }
        return out;
    }

    /** SHA-256 as lower-case hex, computed here independently of the library's helper. */
    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void reportNamesTheUserModelAndTheSha256OfTheFileUsed() throws Exception {
        // A copy of the smoke-test model whose manifest names it with markup, to check the escaping too.
        Path source = Path.of("../deepspt-onnx/src/test/resources/usermodel");
        Path model = Files.createDirectories(dir.resolve("model"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName().toString()));
            }
        }
        Path manifest = model.resolve("smoke-2d.manifest.json");
        String json = Files.readString(manifest, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"name\": \"smoke-2d\","));
        Files.writeString(manifest, json.replaceFirst("\"name\": \"smoke-2d\",", "\"name\": \"smoke <b>&2d\","),
                StandardCharsets.UTF_8);
        Path outDir = dir.resolve("user");
        Run r = run(new AnalyzeCommand(), "--in", tracks.toString(), "--out", outDir.toString(), "--model",
                manifest.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        Path html = outDir.resolve("report.html");
        assertFalse(Files.readString(html, StandardCharsets.UTF_8).contains("<b>&2d"), "unescaped model name");
        Map<String, String> summary = summary(parse(html));
        assertEquals("smoke <b>&2d", summary.get("segmentation model"));
        String expected = sha256(Files.readAllBytes(model.resolve("smoke-2d.onnx")));
        assertTrue(expected.matches("[0-9a-f]{64}"));
        assertEquals(expected, summary.get("model file (SHA-256)"));
    }

    @Test
    void reportNamesTheBundledModelAndTheSha256OfItsFile() throws Exception {
        Path outDir = dir.resolve("bundled");
        Run r = run(new AnalyzeCommand(), "--in", tracks.toString(), "--out", outDir.toString(), "--model", "unet",
                "--threads", "2");
        assertEquals(0, r.code(), r.err());
        Map<String, String> summary = summary(parse(outDir.resolve("report.html")));
        assertEquals("deepspt-unet-2d-int8", summary.get("segmentation model"));
        byte[] onnx;
        try (java.io.InputStream in = AnalyzeCliTest.class.getClassLoader()
                .getResourceAsStream("org/deepspt/models/deepspt-unet-2d-int8/deepspt-unet-2d-int8.onnx")) {
            onnx = in.readAllBytes();
        }
        String expected = sha256(onnx);
        assertEquals(expected, summary.get("model file (SHA-256)"));
        assertEquals(org.deepspt.model.SegmentationModels.bundledManifest("deepspt-unet-2d-int8").onnxFile().sha256(),
                expected);
    }

    @Test
    void classifierPredictionsAndConfusionMatrix() throws Exception {
        Path labels = dir.resolve("labels.csv");
        List<String> rows = new ArrayList<>(List.of("particle,label"));
        for (int i = 0; i < 30; i++) {
            rows.add(i + "," + (i % 2 == 0 ? "slow" : "fast"));
        }
        Files.write(labels, rows);
        Path outDir = dir.resolve("out");
        AnalyzeCommand cmd = new AnalyzeCommand();
        List<Path> loaded = new ArrayList<>();
        cmd.classifierLoader = p -> {
            loaded.add(p);
            return new AlphaClassifier();
        };
        Path model = Files.writeString(dir.resolve("model.json"), "{}");
        Run r = run(cmd, "--in", tracks.toString(), "--out", outDir.toString(), "--model", "rolling-msd",
                "--classifier", model.toString(), "--labels", labels.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(model), loaded);
        List<String> pred = lines(outDir.resolve("predictions.csv"));
        assertEquals("particle,label,probability,p_slow,p_fast,reason", pred.get(0));
        assertEquals(32, pred.size());
        Map<String, String> predicted = new HashMap<>();
        for (String line : pred.subList(1, pred.size())) {
            if (line.startsWith("\"")) {
                continue;
            }
            String[] f = line.split(",");
            double pSlow = Double.parseDouble(f[3]);
            double pFast = Double.parseDouble(f[4]);
            assertEquals(1.0, pSlow + pFast, 1e-9);
            assertEquals(Math.max(pSlow, pFast), Double.parseDouble(f[2]), 1e-12);
            predicted.put(f[0], f[1]);
        }
        long correct = 0;
        for (int i = 0; i < 30; i++) {
            correct += predicted.get("" + i).equals(i % 2 == 0 ? "slow" : "fast") ? 1 : 0;
        }
        Document doc = parse(outDir.resolve("report.html"));
        NodeList sections = doc.getElementsByTagNameNS(XHTML, "section");
        String confusion = null;
        for (int i = 0; i < sections.getLength(); i++) {
            org.w3c.dom.Element s = (org.w3c.dom.Element) sections.item(i);
            if (s.getAttribute("id").equals("confusion")) {
                confusion = s.getTextContent();
            }
        }
        assertTrue(confusion != null && confusion.contains("30 analysed tracks have a label; accuracy "
                + String.format(java.util.Locale.ROOT, "%.1f %%", 100.0 * correct / 30)), confusion);
        assertEquals(8, sections.getLength());
    }

    @Test
    void piecesOfATrackSplitAtAGapCarryItsLabelIntoTheConfusionMatrix() throws Exception {
        // Track 5 has frames 0..11 and 20..31 (split into 5.1 and 5.2); track 6 has no gap.
        StringBuilder csv = new StringBuilder("x,y,particle,frame\n");
        java.util.Random rng = new java.util.Random(7);
        for (String id : new String[] {"5", "6"}) {
            double x = 0;
            double y = 0;
            for (int f = 0; f < 32; f++) {
                x += 0.1 * rng.nextGaussian();
                y += 0.1 * rng.nextGaussian();
                if (id.equals("6") || f < 12 || f >= 20) {
                    csv.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%s,%d%n", x, y, id, f));
                }
            }
        }
        Path in = Files.writeString(dir.resolve("gappy.csv"), csv);
        Path labels = Files.writeString(dir.resolve("gappy-labels.csv"), "particle,label\n5,normal\n6,normal\n");
        Path outDir = dir.resolve("gappy");
        Run r = run(new AnalyzeCommand(), "--in", in.toString(), "--out", outDir.toString(), "--model",
                "rolling-msd", "--gaps", "SPLIT", "--labels", labels.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().lines().anyMatch(l -> l.contains("warning") && !l.contains(": units assumed: ")), r.err());
        List<String> fingerprints = lines(outDir.resolve("fingerprints.csv"));
        assertEquals(List.of("5.1", "5.2", "6"), fingerprints.subList(1, fingerprints.size()).stream()
                .map(l -> l.substring(0, l.indexOf(','))).toList());
        String confusion = null;
        NodeList sections = parse(outDir.resolve("report.html")).getElementsByTagNameNS(XHTML, "section");
        for (int i = 0; i < sections.getLength(); i++) {
            org.w3c.dom.Element s = (org.w3c.dom.Element) sections.item(i);
            if (s.getAttribute("id").equals("confusion")) {
                confusion = s.getTextContent();
            }
        }
        assertTrue(confusion != null && confusion.contains("3 analysed tracks have a label; accuracy "),
                confusion);
    }

    @Test
    void outputsDoNotDependOnThreadCount() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, run(new AnalyzeCommand(), "--in", tracks.toString(), "--out", a.toString(), "--model",
                "rolling-msd", "--threads", "1").code());
        assertEquals(0, run(new AnalyzeCommand(), "--in", tracks.toString(), "--out", b.toString(), "--model",
                "rolling-msd", "--threads", "3").code());
        for (String f : new String[] {"segmentation.csv", "segments.csv", "fingerprints.csv", "errors.csv"}) {
            assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), f);
        }
        // The report differs only in its run-time and date lines.
        String ra = Files.readString(a.resolve("report.html")).replaceAll("[0-9.]+ s with [0-9]+ thread", "")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z", "");
        String rb = Files.readString(b.resolve("report.html")).replaceAll("[0-9.]+ s with [0-9]+ thread", "")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z", "");
        assertEquals(ra, rb);
    }

    @Test
    void fingerprintCommandWithTimeResolvedOutput() throws Exception {
        Path out = dir.resolve("fp.csv");
        Run r = run(new FingerprintCommand(), "--in", tracks.toString(), "--out", out.toString(), "--model",
                "rolling-msd", "--window", "10", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        List<String> fp = lines(out);
        assertEquals("particle," + String.join(",", FingerprintFeature.allNames())
                + ",msd_fit_at_bound,msd_fit_status,dimension,frame_interval_s,length_unit,segmenter,post_processing,"
                + "fingerprint_version", fp.get(0));
        assertEquals(32, fp.size());
        List<String> tr = lines(dir.resolve("fp.csv.time-resolved.csv"));
        assertEquals("particle,frame," + String.join(",", FingerprintFeature.allNames()), tr.get(0));
        assertEquals(lines(tracks).size() - 1 - 3, tr.size() - 1);
        assertTrue(tr.get(1).startsWith("0,0,"), tr.get(1));
        List<String> errors = lines(dir.resolve("fp.csv.errors.csv"));
        assertEquals(2, errors.size());
        assertTrue(errors.get(1).startsWith("short,REJECTED"), errors.get(1));
        // Fingerprint rows equal those of analyze.
        Path outDir = dir.resolve("an");
        assertEquals(0, run(new AnalyzeCommand(), "--in", tracks.toString(), "--out", outDir.toString(), "--model",
                "rolling-msd").code());
        assertEquals(-1L, Files.mismatch(out, outDir.resolve("fingerprints.csv")));
    }

    @Test
    void bundledExampleRunsEndToEnd() throws Exception {
        Path example = Path.of("../examples/tracks-2d.csv");
        Path outDir = dir.resolve("ex");
        Run r = run(new AnalyzeCommand(), "--in", example.toString(), "--out", outDir.toString(), "--model",
                "rolling-msd", "--labels", writeStateLabels(example).toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(51, lines(outDir.resolve("fingerprints.csv")).size());
        Document doc = parse(outDir.resolve("report.html"));
        assertEquals(7, doc.getElementsByTagNameNS(XHTML, "section").getLength());
    }

    /** Labels = each track's most frequent true state (the example file has a state column). */
    private Path writeStateLabels(Path example) throws Exception {
        Map<String, int[]> counts = new java.util.LinkedHashMap<>();
        for (String line : lines(example).subList(1, lines(example).size())) {
            String[] f = line.split(",");
            counts.computeIfAbsent(f[0], k -> new int[4])[Integer.parseInt(f[4])]++;
        }
        List<String> rows = new ArrayList<>(List.of("particle,label"));
        String[] names = {"normal", "directed", "confined", "subdiffusive"};
        counts.forEach((id, c) -> {
            int best = 0;
            for (int k = 1; k < 4; k++) {
                best = c[k] > c[best] ? k : best;
            }
            rows.add(id + "," + names[best]);
        });
        return Files.write(dir.resolve("state-labels.csv"), rows);
    }

    @Test
    void badLabelsFileNamesLineAndField() throws Exception {
        Path labels = Files.writeString(dir.resolve("l.csv"), "particle,class\n1,a\n");
        Run r = run(new AnalyzeCommand(), "--in", tracks.toString(), "--out", dir.resolve("o").toString(),
                "--model", "rolling-msd", "--labels", labels.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("line 1") && r.err().contains("label"), r.err());
        Path dup = Files.writeString(dir.resolve("d.csv"), "particle,label\n1,a\n1,b\n");
        r = run(new AnalyzeCommand(), "--in", tracks.toString(), "--out", dir.resolve("o").toString(),
                "--model", "rolling-msd", "--labels", dup.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("line 3") && r.err().contains("repeats"), r.err());
        r = run(new AnalyzeCommand(), "--in", tracks.toString(), "--out", dir.resolve("o").toString(),
                "--model", "rolling-msd", "--classifier", dir.resolve("missing.json").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("missing.json: no such file"), r.err());
    }
}
