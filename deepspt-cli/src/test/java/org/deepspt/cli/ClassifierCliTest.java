package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClassifierCliTest {

    @TempDir
    Path dir;

    private record Run(int code, String err) {
    }

    /** Runs a command the way Main does (the lead registers these commands in Main). */
    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("deepspt " + cmd.getCommandName() + ": error: " + ex.getMessage());
            cmd.getErr().flush();
            return 1;
        });
        int code = cl.execute(args);
        return new Run(code, err.toString());
    }

    /** Labels "even" / "odd" for tracks 0..n−1, written to a file of the given name in the test folder. */
    private Path evenOddLabels(int n, String name) throws Exception {
        StringBuilder lab = new StringBuilder("particle,label\n");
        for (int i = 0; i < n; i++) {
            lab.append(i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Path labels = dir.resolve(name);
        Files.writeString(labels, lab.toString());
        return labels;
    }

    /** Two classes separated in alpha; diffusion_coefficient is noise. Track 999 has no label. */
    private Path fingerprints(Path labels) throws Exception {
        Random r = new Random(3);
        StringBuilder fp = new StringBuilder("particle,alpha,diffusion_coefficient\n");
        StringBuilder lab = new StringBuilder("particle,label\n");
        for (int i = 0; i < 60; i++) {
            boolean slow = i % 2 == 0;
            double alpha = (slow ? 0.4 : 1.6) + 0.1 * r.nextGaussian();
            fp.append(String.format(Locale.ROOT, "%d,%s,%s%n", i, alpha, i == 5 ? "NaN" : "" + r.nextDouble()));
            lab.append(i).append(',').append(slow ? "slow" : "fast").append('\n');
        }
        fp.append("999,1.0,0.5\n");
        lab.append("orphan,slow\n");
        Files.writeString(labels, lab.toString());
        Path f = dir.resolve("fp.csv");
        Files.writeString(f, fp.toString());
        return f;
    }

    /** A fingerprint table whose two classes differ in alpha and, when {@code lengthsDiffer}, in n_points too. */
    private Path fingerprintsWithLengths(Path labels, boolean lengthsDiffer) throws Exception {
        Random r = new Random(5);
        StringBuilder fp = new StringBuilder("particle,alpha,diffusion_coefficient,n_points\n");
        StringBuilder lab = new StringBuilder("particle,label\n");
        for (int i = 0; i < 120; i++) {
            boolean slow = i % 2 == 0;
            int n = lengthsDiffer ? (slow ? 40 + r.nextInt(51) : 150 + r.nextInt(51)) : 40 + r.nextInt(161);
            fp.append(String.format(Locale.ROOT, "%d,%s,%s,%d%n", i, (slow ? 0.8 : 1.2) + 0.3 * r.nextGaussian(),
                    r.nextDouble(), n));
            lab.append(i).append(',').append(slow ? "slow" : "fast").append('\n');
        }
        Files.writeString(labels, lab.toString());
        Path f = dir.resolve(lengthsDiffer ? "fp-lengths.csv" : "fp-same-lengths.csv");
        Files.writeString(f, fp.toString());
        return f;
    }

    @Test
    void classesThatDifferInTrackLengthGetAWarning() throws Exception {
        Path labels = dir.resolve("labels-len.csv");
        Path model = dir.resolve("model-len.json");
        Run t = run(new TrainClassifierCommand(), "--in", fingerprintsWithLengths(labels, true).toString(),
                "--labels", labels.toString(), "--out", model.toString(), "--features", "alpha-d", "--folds", "5");
        assertEquals(0, t.code(), t.err());
        List<String> warnings = t.err().lines().filter(l -> l.startsWith("warning:"))
                .filter(l -> !l.contains(": units assumed: ")).toList();   // the test CSV has no units
        assertEquals(1, warnings.size(), t.err());
        assertTrue(warnings.get(0).startsWith("warning: track length alone tells the classes apart (cross-validated "
                + "balanced accuracy 1.000 from n_points only, chance 0.500; median points: fast 1"), warnings.get(0));
        assertTrue(Files.readString(model).contains("\"length_only_cv_balanced_accuracy\" : \"1.0000\""),
                Files.readString(model));

        Path labels2 = dir.resolve("labels-same.csv");
        Run same = run(new TrainClassifierCommand(), "--in", fingerprintsWithLengths(labels2, false).toString(),
                "--labels", labels2.toString(), "--out", dir.resolve("model-same.json").toString(), "--features",
                "alpha-d", "--folds", "5");
        assertEquals(0, same.code(), same.err());
        assertTrue(same.err().lines().noneMatch(l -> l.startsWith("warning:") && !l.contains(": units assumed: ")),
                same.err());
    }

    @Test
    void fingerprintCsvTrainThenClassify() throws Exception {
        Path labels = dir.resolve("labels.csv");
        Path fp = fingerprints(labels);
        Path model = dir.resolve("model.json");
        Run t = run(new TrainClassifierCommand(), "--in", fp.toString(), "--labels", labels.toString(), "--out",
                model.toString(), "--features", "alpha-d", "--folds", "5", "--threshold", "0.6", "--seed", "4");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("training on 60 labelled fingerprints of 61; 1 without label (999); "
                + "1 labels without track (orphan)"), t.err());
        assertTrue(t.err().contains("5-fold stratified CV, logistic on 2 features, 60 tracks"), t.err());
        assertTrue(t.err().contains("accuracy 1.000, macro-F1 1.000"), t.err());
        String json = Files.readString(model);
        assertTrue(json.contains("\"cv_macro_f1\" : 1.0") && json.contains("\"abstention_threshold\" : 0.6"), json);
        List<String> errs = Files.readAllLines(dir.resolve("model.json.errors.csv"));
        assertTrue(errs.stream().anyMatch(l -> l.startsWith("999,")), errs.toString());
        assertTrue(errs.stream().anyMatch(l -> l.startsWith("orphan,")), errs.toString());

        Path pred = dir.resolve("pred.csv");
        Run c = run(new ClassifyCommand(), "--classifier", model.toString(), "--in", fp.toString(), "--out",
                pred.toString());
        assertEquals(0, c.code(), c.err());
        List<String> lines = Files.readAllLines(pred, StandardCharsets.UTF_8);
        assertEquals("particle,label,probability,p_fast,p_slow,reason", lines.get(0));
        assertEquals(62, lines.size());
        for (int i = 0; i < 60; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals("" + i, cells[0]);
            assertEquals(i % 2 == 0 ? "slow" : "fast", cells[1], lines.get(i + 1));
            double p = Double.parseDouble(cells[2]);
            assertEquals(p, Math.max(Double.parseDouble(cells[3]), Double.parseDouble(cells[4])), 1e-15);
            assertEquals(1.0, Double.parseDouble(cells[3]) + Double.parseDouble(cells[4]), 1e-12);
        }
        // alpha = 1.0 lies between the classes: below the 0.6 threshold → uncertain
        String mid = lines.get(61);
        assertTrue(mid.startsWith("999,uncertain,") && mid.matches(".*,below_threshold:0\\.[0-9]+<0\\.6"), mid);
        assertTrue(lines.get(1).endsWith(","), "a class label has an empty reason: " + lines.get(1));

        Path pred2 = dir.resolve("pred2.csv");
        Run c2 = run(new ClassifyCommand(), "--classifier", model.toString(), "--in", fp.toString(), "--out",
                pred2.toString(), "--threshold", "0");
        assertEquals(0, c2.code(), c2.err());
        assertTrue(!Files.readAllLines(pred2).get(61).contains("uncertain"));
    }

    @Test
    void tracksTrainWithForestAndAblations() throws Exception {
        Path tracks = dir.resolve("tracks.csv");
        StringWriter so = new StringWriter();
        StringWriter se = new StringWriter();
        assertEquals(0, Main.run(new String[] {"simulate", "--tracks", "40", "--seed", "5", "--out",
            tracks.toString()}, new PrintWriter(so), new PrintWriter(se)), se.toString());
        Path labels = evenOddLabels(40, "labels.csv");
        Path model = dir.resolve("rf.json");
        Run t = run(new TrainClassifierCommand(), "--in", tracks.toString(), "--labels", labels.toString(), "--out",
                model.toString(), "--method", "trees", "--trees", "10", "--folds", "2", "--ablations",
                "--model", "rolling-msd");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("2-fold stratified CV, random-forest on 40 features"), t.err());
        assertTrue(t.err().contains("feature ablation") && t.err().contains("alpha-d"), t.err());
        String json = Files.readString(model);
        assertTrue(json.contains("\"segmenter\" : \"rolling-msd\"") && json.contains("tribuo-protobuf-base64"),
                json);
        Path pred = dir.resolve("pred.csv");
        Run c = run(new ClassifyCommand(), "--classifier", model.toString(), "--in", tracks.toString(), "--out",
                pred.toString(), "--model", "rolling-msd");
        assertEquals(0, c.code(), c.err());
        assertFalse(c.err().contains("deprecated"), c.err());
        // The old spellings (--model for the classifier, --segmenter for the segmentation model) still work, with
        // one note each.
        Path old = dir.resolve("pred-old.csv");
        Run o = run(new ClassifyCommand(), "--model", model.toString(), "--in", tracks.toString(), "--out",
                old.toString(), "--segmenter", "rolling-msd");
        assertEquals(0, o.code(), o.err());
        assertEquals(List.of("warning: classify --model " + model + " is deprecated; use --classifier " + model
                + " (--model is the segmentation model in every command)", "warning: --segmenter rolling-msd is "
                + "deprecated; use --model rolling-msd (--model is the segmentation model in every command)"),
                o.err().lines().filter(l -> l.contains("deprecated")).toList());
        assertEquals(Files.readAllLines(pred), Files.readAllLines(old));
        List<String> lines = Files.readAllLines(pred);
        assertEquals("particle,label,probability,p_even,p_odd,reason", lines.get(0));
        long rejected = Files.readAllLines(dir.resolve("pred.csv.errors.csv")).size() - 1;
        assertEquals(40, lines.size() - 1 + rejected);
        // Fingerprints from another segmenter than the training ones: classified, with a warning.
        Run other = run(new ClassifyCommand(), "--classifier", model.toString(), "--in", tracks.toString(), "--out",
                dir.resolve("pred-unet.csv").toString());
        assertEquals(0, other.code(), other.err());
        List<String> warnings = other.err().lines().filter(l -> l.startsWith("warning:"))
                .filter(l -> !l.contains(": units assumed: ")).toList();
        assertEquals(1, warnings.size(), other.err());
        assertTrue(warnings.get(0).contains("segmenter 'unet' (classifier: 'rolling-msd')")
                && warnings.get(0).contains("--model"), other.err());
    }

    @Test
    void trainClassifierTakesTheOldSegmenterSpellingWithANoteAndRefusesBoth() throws Exception {
        Path labels = dir.resolve("labels.csv");
        Path tracks = dir.resolve("tracks.csv");
        StringWriter so = new StringWriter();
        StringWriter se = new StringWriter();
        assertEquals(0, Main.run(new String[] {"simulate", "--tracks", "12", "--seed", "3", "--out",
            tracks.toString()}, new PrintWriter(so), new PrintWriter(se)), se.toString());
        StringBuilder lab = new StringBuilder("particle,label\n");
        for (int i = 0; i < 12; i++) {
            lab.append(i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Files.writeString(labels, lab.toString());
        Path model = dir.resolve("m.json");
        Run t = run(new TrainClassifierCommand(), "--in", tracks.toString(), "--labels", labels.toString(), "--out",
                model.toString(), "--folds", "0", "--segmenter", "rolling-msd");
        assertEquals(0, t.code(), t.err());
        assertEquals(1, t.err().lines().filter(l -> l.equals("warning: --segmenter rolling-msd is deprecated; use "
                + "--model rolling-msd (--model is the segmentation model in every command)")).count(), t.err());
        assertTrue(Files.readString(model).contains("\"segmenter\" : \"rolling-msd\""));
        CliRun both = CliRun.run("train-classifier", "--in", tracks.toString(), "--labels", labels.toString(),
                "--out", model.toString(), "--folds", "0", "--segmenter", "rolling-msd", "--model", "unet");
        assertEquals(2, both.code(), both.err());
        assertTrue(both.err().contains("--segmenter is the deprecated spelling of --model; give --model only"),
                both.err());
        CliRun none = CliRun.run("classify", "--in", tracks.toString(), "--out", dir.resolve("p.csv").toString());
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().contains("Missing required option: '--classifier=MODEL.json'"), none.err());
    }

    @Test
    void clearErrors() throws Exception {
        Path labels = dir.resolve("labels.csv");
        Path fp = fingerprints(labels);
        Path model = dir.resolve("m.json");
        // the full feature set is not in this table: the message names the file, the missing feature and the sets
        // the table has (review: before, "track '1': fingerprint has no feature 'model_parameter'" only)
        Run t = run(new TrainClassifierCommand(), "--in", fp.toString(), "--labels", labels.toString(), "--out",
                model.toString(), "--folds", "0");
        assertNotEquals(0, t.code());
        assertTrue(t.err().contains("fp.csv: the fingerprints lack 38 of the 40 features of --features full, e.g. "
                + "'model_parameter'; choose a set they have with --features alpha or --features d or --features "
                + "alpha-d"), t.err());
        assertFalse(Files.exists(model));
        Run bad = run(new TrainClassifierCommand(), "--in", fp.toString(), "--labels", labels.toString(), "--out",
                model.toString(), "--method", "svm");
        assertNotEquals(0, bad.code());
        assertTrue(bad.err().contains("unknown classifier method 'svm'"), bad.err());
        Files.writeString(model, "{\"format\": \"deepspt-classifier\", \"version\": 7}");
        Run c = run(new ClassifyCommand(), "--classifier", model.toString(), "--in", fp.toString(), "--out",
                dir.resolve("p.csv").toString());
        assertNotEquals(0, c.code());
        assertTrue(c.err().contains("field 'version'") && c.err().contains("unsupported version 7"), c.err());
    }

    /**
     * A labelled track split at a gap is trained on as its pieces, which carry its label (as analyze reads them)
     * and stay in one cross-validation fold; the summary counts no rejection and no orphan label (before: the
     * pieces were left out as unlabelled, the label went unreported and the split notes counted as rejections).
     */
    @Test
    void piecesOfASplitTrackCarryItsLabel() throws Exception {
        Path sim = dir.resolve("sim.csv");
        assertEquals(0, CliRun.run("simulate", "--clean-only", "--tracks", "40", "--length", "60", "--seed", "3",
                "--out", sim.toString()).code());
        List<String> lines = Files.readAllLines(sim);
        StringBuilder gap = new StringBuilder(lines.get(0)).append('\n');
        StringBuilder lab = new StringBuilder("particle,label\n");
        java.util.Set<String> labelled = new java.util.HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (labelled.add(f[0])) {
                lab.append(f[0]).append(",S").append(f[6]).append('\n');
            }
            if (!(f[0].equals("5") && f[1].equals("30"))) {
                gap.append(line).append('\n');
            }
        }
        Path tracks = Files.writeString(dir.resolve("gap.csv"), gap);
        Path labels = Files.writeString(dir.resolve("labels.csv"), lab);
        Path model = dir.resolve("m.json");
        CliRun t = CliRun.run("train-classifier", "--in", tracks.toString(), "--labels", labels.toString(), "--out",
                model.toString(), "--folds", "0", "--model", "rolling-msd");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("training on 41 labelled tracks (pieces of 40 input tracks, kept together in "
                + "the cross-validation folds) of 41; 0 without label; 0 labels without track; 0 tracks rejected"),
                t.err());
        List<String> report = Files.readAllLines(dir.resolve("m.json.errors.csv"));
        assertTrue(report.stream().noneMatch(l -> l.contains("REJECTED")), report.toString());
    }

    /**
     * A fingerprint table of pieces (tracks split at gaps) carries each piece's input track in an input_track column,
     * so training from the table takes the track's label and keeps its pieces in one cross-validation fold, as
     * training from the track file does. Before, the labels keyed by track did not reach the pieces ("no label") and
     * pieces labelled one by one were spread over the folds.
     */
    @Test
    void fingerprintTableOfPiecesKeepsTheirInputTracks() throws Exception {
        Path tracks = dir.resolve("gappy.csv");
        assertEquals(0, CliRun.run("simulate", "--tracks", "20", "--length", "60", "--seed", "5", "--out",
                tracks.toString()).code());
        List<String> rows = Files.readAllLines(tracks);
        StringBuilder gappy = new StringBuilder(rows.get(0)).append('\n');
        for (String row : rows.subList(1, rows.size())) {
            if (!row.split(",")[1].equals("30")) {   // frame 30 missing in every track: pieces <id>.1, <id>.2
                gappy.append(row).append('\n');
            }
        }
        Files.writeString(tracks, gappy.toString());
        Path labels = evenOddLabels(20, "track-labels.csv");
        Path fp = dir.resolve("pieces.csv");
        CliRun f = CliRun.run("fingerprint", "--model", "rolling-msd", "--in", tracks.toString(), "--out", fp.toString());
        assertEquals(0, f.code(), f.err());
        List<String> lines = Files.readAllLines(fp);
        List<String> header = List.of(lines.get(0).split(","));
        int col = header.indexOf("input_track");
        assertTrue(col > 0, header.toString());
        assertEquals("0.1", lines.get(1).split(",")[0]);
        assertEquals("0", lines.get(1).split(",")[col]);
        assertEquals(40, org.deepspt.io.FingerprintCsv.read(fp).size());
        CliRun t = CliRun.run("train-classifier", "--in", fp.toString(), "--labels", labels.toString(), "--out",
                dir.resolve("m.json").toString(), "--folds", "2");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("training on 40 labelled fingerprints (pieces of 20 input tracks, kept together"),
                t.err());
        // pieces of one track labelled differently: refused, naming the track (one track cannot be in two classes)
        Path pieceLabels = dir.resolve("piece-labels.csv");
        Files.writeString(pieceLabels, "particle,label\n0.1,even\n0.2,odd\n" + Files.readAllLines(labels).stream()
                .skip(2).map(l -> l + "\n").reduce("", String::concat));
        CliRun mixed = CliRun.run("train-classifier", "--in", fp.toString(), "--labels", pieceLabels.toString(),
                "--out", dir.resolve("m2.json").toString(), "--folds", "2");
        assertEquals(1, mixed.code(), mixed.err());
        assertTrue(mixed.err().contains("gives the pieces of input track '0' different labels"), mixed.err());
    }

    /**
     * Review: two {@code train-classifier --method trees --seed 7} runs predicted alike but wrote different files
     * (Tribuo's per-tree training times, Java version, OS). Now only the model's own {@code trained_at} (whole
     * seconds) may differ, and {@code SOURCE_DATE_EPOCH} fixes that too.
     */
    @Test
    void forestFilesOfTheSameSeedAreTheSameButForTheTrainingTime() throws Exception {
        Path labels = dir.resolve("labels.csv");
        Path fp = fingerprints(labels);
        List<String> files = new java.util.ArrayList<>();
        for (String name : List.of("a.json", "b.json")) {
            Path model = dir.resolve(name);
            CliRun t = CliRun.run("train-classifier", "--in", fp.toString(), "--labels", labels.toString(), "--out",
                    model.toString(), "--features", "alpha-d", "--method", "trees", "--trees", "20", "--seed", "7",
                    "--folds", "0");
            assertEquals(0, t.code(), t.err());
            files.add(Files.readString(model).replaceFirst("\"trained_at\" : \"[^\"]*\"", "\"trained_at\" : \"\""));
        }
        assertEquals(files.get(0), files.get(1));

        assertEquals(java.time.Instant.parse("2026-01-02T03:04:05Z"),
                TrainClassifierCommand.trainingClock("1767323045").instant());
        assertEquals(java.time.Clock.systemUTC(), TrainClassifierCommand.trainingClock(null));
        org.deepspt.options.OptionUsageException bad = org.junit.jupiter.api.Assertions.assertThrows(
                org.deepspt.options.OptionUsageException.class, () -> TrainClassifierCommand.trainingClock("yesterday"));
        assertTrue(bad.getMessage().contains("SOURCE_DATE_EPOCH must be whole seconds"), bad.getMessage());
    }

    /**
     * Review: classify of a track file whose gaps split tracks into pieces said "600 rejected" (every report entry,
     * the MODIFIED split notes too) though none was rejected; and classify of a fingerprint CSV with an input_track
     * column wrote none, so the pieces lost their link to their track. Now the summary counts input tracks by kind as
     * segment and fingerprint do, and the predictions carry input_track from either input.
     */
    @Test
    void classifyCountsIssuesByKindAndCarriesTheInputTrack() throws Exception {
        Path tracks = dir.resolve("gap.csv");
        assertEquals(0, CliRun.run("simulate", "--clean-only", "--tracks", "20", "--length", "60", "--seed", "3",
                "--out", tracks.toString()).code());
        List<String> rows = Files.readAllLines(tracks);
        StringBuilder gap = new StringBuilder(rows.get(0)).append('\n');
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            if (!(f[0].equals("5") && f[1].equals("30"))) {   // track 5 read as pieces 5.1 and 5.2
                gap.append(row).append('\n');
            }
        }
        Files.writeString(tracks, gap);
        Path labels = evenOddLabels(20, "labels.csv");
        Path model = dir.resolve("m.json");
        assertEquals(0, CliRun.run("train-classifier", "--in", tracks.toString(), "--labels", labels.toString(),
                "--out", model.toString(), "--folds", "0", "--model", "rolling-msd").code());

        Path pred = dir.resolve("pred.csv");
        CliRun c = CliRun.run("classify", "--classifier", model.toString(), "--in", tracks.toString(), "--out",
                pred.toString(), "--model", "rolling-msd");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.err().contains("classified 21 tracks (from 20 input tracks) -> ") && c.err().contains(
                "; 0 tracks rejected, 1 modified (2 report entries) -> "), c.err());
        assertInputTrack(Files.readAllLines(pred));

        Path fp = dir.resolve("fp.csv");
        assertEquals(0, CliRun.run("fingerprint", "--model", "rolling-msd", "--in", tracks.toString(), "--out",
                fp.toString()).code());
        Path pred2 = dir.resolve("pred2.csv");
        CliRun c2 = CliRun.run("classify", "--classifier", model.toString(), "--in", fp.toString(), "--out",
                pred2.toString());
        assertEquals(0, c2.code(), c2.err());
        assertTrue(c2.err().contains("classified 21 tracks (from 20 input tracks) -> ")
                && c2.err().contains("; 0 tracks rejected, 0 modified -> "), c2.err());
        assertInputTrack(Files.readAllLines(pred2));
    }

    /** Pieces 5.1 and 5.2 name their track 5 in the input_track column; a whole track names itself. */
    private static void assertInputTrack(List<String> lines) {
        int col = List.of(lines.get(0).split(",")).indexOf("input_track");
        assertTrue(col > 0, lines.get(0));
        java.util.Map<String, String> input = new java.util.HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] cells = l.split(",", -1);
            input.put(cells[0], cells[col]);
        }
        assertEquals("5", input.get("5.1"));
        assertEquals("5", input.get("5.2"));
        assertEquals("4", input.get("4"));
    }

    /**
     * Review: a row with 24 of 40 features missing was 'uncertain' (probability 0.563) at --threshold 0 with nothing
     * saying why, while 20 of 40 got a class. The reason column now names the rule; exactly half still gets a class.
     */
    @Test
    void uncertainPredictionsNameTheirReason() throws Exception {
        Path tracks = dir.resolve("t.csv");
        assertEquals(0, CliRun.run("simulate", "--tracks", "30", "--length", "60", "--seed", "6", "--out",
                tracks.toString()).code());
        Path fp = dir.resolve("fp.csv");
        assertEquals(0, CliRun.run("fingerprint", "--model", "rolling-msd", "--in", tracks.toString(), "--out",
                fp.toString()).code());
        Path labels = evenOddLabels(30, "labels.csv");
        Path model = dir.resolve("m.json");
        CliRun t = CliRun.run("train-classifier", "--in", fp.toString(), "--labels", labels.toString(), "--out",
                model.toString(), "--folds", "0");
        assertEquals(0, t.code(), t.err());
        List<String> features = org.deepspt.classify.TrackClassifiers.load(model).featureNames();
        assertEquals(40, features.size());
        List<String> lines = Files.readAllLines(fp);
        List<String> header = List.of(lines.get(0).split(","));
        StringBuilder rows = new StringBuilder(lines.get(0)).append('\n');
        for (int missing : new int[] {24, 20}) {
            String[] cells = lines.get(1).split(",", -1);
            cells[0] = "m" + missing;
            for (String f : features.subList(0, missing)) {
                cells[header.indexOf(f)] = "NaN";
            }
            rows.append(String.join(",", cells)).append('\n');
        }
        Path holes = Files.writeString(dir.resolve("holes.csv"), rows);
        Path pred = dir.resolve("pred.csv");
        CliRun c = CliRun.run("classify", "--classifier", model.toString(), "--in", holes.toString(), "--out",
                pred.toString(), "--threshold", "0");
        assertEquals(0, c.code(), c.err());
        List<String> out = Files.readAllLines(pred);
        assertTrue(out.get(0).endsWith(",reason"), out.get(0));
        assertTrue(out.get(1).startsWith("m24,uncertain,") && out.get(1).endsWith(",missing_features:24/40"),
                out.get(1));
        assertTrue(out.get(2).startsWith("m20,") && !out.get(2).contains("uncertain") && out.get(2).endsWith(","),
                out.get(2));
    }

    /**
     * Review: a fingerprint CSV with one unknown column (typo 'alpah', extra 'condition') was taken for a track file
     * ("cannot detect the format … expected x/y/particle/frame") and no column was named. Now it is read as a
     * fingerprint table and the error names the column; --format FINGERPRINT forces the reading where too few feature
     * names are known to tell.
     */
    @Test
    void anUnknownColumnOfAFingerprintTableIsNamed() throws Exception {
        Path labels = dir.resolve("labels.csv");
        Path model = dir.resolve("model.json");
        assertEquals(0, CliRun.run("train-classifier", "--in", fingerprints(labels).toString(), "--labels",
                labels.toString(), "--out", model.toString(), "--features", "alpha-d", "--folds", "0").code());
        List<String> all = org.deepspt.fingerprint.FingerprintFeature.allNames();
        String values = "1" + ",0.5".repeat(all.size());
        for (String[] c : new String[][] {{"particle," + String.join(",", all).replace("alpha,", "alpah,"), "alpah",
            "did you mean 'alpha'?"}, {"particle," + String.join(",", all) + ",condition", "condition", "metadata"}}) {
            Path in = Files.writeString(dir.resolve("fp-" + c[1] + ".csv"), c[0] + "\n" + values
                    + (c[1].equals("condition") ? ",0.5" : "") + "\n");
            CliRun r = CliRun.run("classify", "--classifier", model.toString(), "--in", in.toString(), "--out",
                    dir.resolve("p.csv").toString());
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("line 1, field '" + c[1] + "': not a fingerprint feature name")
                    && r.err().contains(c[2]) && !r.err().contains("cannot detect the format"), r.err());
        }
        // two columns, one misspelt: too little to tell without x/y; --format fingerprint forces the table
        Path small = Files.writeString(dir.resolve("small.csv"), "particle,alpah,diffusion_coefficient\n1,0.5,0.1\n");
        CliRun forced = CliRun.run("classify", "--classifier", model.toString(), "--in", small.toString(), "--out",
                dir.resolve("p.csv").toString(), "--format", "fingerprint");
        assertEquals(1, forced.code(), forced.err());
        assertTrue(forced.err().contains("field 'alpah': not a fingerprint feature name (did you mean 'alpha'?)"),
                forced.err());
        CliRun segment = CliRun.run("segment", "--model", "rolling-msd", "--in", small.toString(), "--out",
                dir.resolve("s.csv").toString(), "--format", "FINGERPRINT");
        assertEquals(2, segment.code(), segment.err());
        assertTrue(segment.err().contains("--format FINGERPRINT: a fingerprint CSV is input to classify and "
                + "train-classifier; segment reads tracks"), segment.err());
        CliRun bad = CliRun.run("classify", "--classifier", model.toString(), "--in", small.toString(), "--out",
                dir.resolve("p.csv").toString(), "--format", "excel");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("expected one of [DEEPSPT_CSV, SPOTON_CSV, TRACKMATE_CSV, TRACKMATE_XML, "
                + "TRACKMATE_SIMPLE_XML, FINGERPRINT] (case-insensitive) but was 'excel'"), bad.err());
    }
}
