package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command-line bad-input corpus: every file under {@code src/test/resources/bad-input/} run through the
 * commands that read it, one row of {@code bad-input/expected.csv} per run. Large inputs (10 MB fields, ids of
 * 200 kB and 1 MB, XML nested 50000 deep) are generated here instead of being committed.
 *
 * <p>Each row gives the command line, the exit status (2 usage error, 1 input or data error, 0 when bad tracks
 * are rejected one by one and the run succeeds) and a fragment (parts separated by {@code " ... "} must
 * appear in that order). Every run, whatever its status:
 * <ul>
 *   <li>prints no stack trace: no {@code "\tat "}, no {@code ...Exception} / {@code ...Error} class name and no
 *       {@code [Fatal Error]} on the command's stdout and stderr nor on {@code System.out} / {@code System.err}
 *       (where library log lines go);
 *   <li>prints no line longer than {@value #MAX_LINE} characters (input values are abbreviated).
 * </ul>
 * stderr may always hold these informational lines: the units line {@code CMD: FILE: coordinates: ...} and
 * lines starting with {@code warning: }. Besides them:
 * <ul>
 *   <li>exit 1: exactly one line, {@code deepspt CMD: error: ...}, containing the fragment (which names the
 *       file, line, field or option); exit 2: exactly one line, {@code deepspt CMD: usage error: ...},
 *       containing the fragment. Neither leaves an output file behind.
 *   <li>exit 0: the command's summary line ({@code segmented ...}, {@code fitted ...}, ...; train-classifier:
 *       {@code training on ...} and {@code model (...}), and on {@code System.err} only library warnings
 *       ({@code [WARN] ...}); the fragment must be in the error report ({@code <out>.errors.csv},
 *       {@code DIR/errors.csv}; for {@code evaluate}, in its report on stdout; a fragment starting with
 *       {@code warning: } in a warning line), and an empty fragment means the error report lists no track. Every input track id (column {@code ids}: {@code auto} = the id column of
 *       a CSV input, read here independently of the library; else the ids separated by {@code ;}) is in the
 *       output or in the error report, as itself or as a piece {@code id.1}, {@code id.b2}, ...; every
 *       particle in them comes from the input; and no particle cell starts a spreadsheet formula.
 * </ul>
 */
class BadInputCorpusCliTest {
    private static final int MAX_LINE = 1_000;
    private static final Pattern STACK_TRACE = Pattern.compile("\tat |\\w(Exception|Error)\\b|\\[Fatal Error]");
    private static final Pattern PIECE = Pattern.compile("(\\.b?\\d+)+(~\\d+)?|~\\d+");
    /** The summary lines a successful command prints on stderr, by their start. */
    private static final Map<String, List<String>> SUMMARY = Map.of("segment", List.of("segmented "), "msd",
            List.of("fitted "), "fingerprint", List.of("fingerprinted "), "classify", List.of("classified "),
            "analyze", List.of("analysed "), "stream", List.of("streamed "), "train-classifier",
            List.of("training on ", "model ("));
    private static final Set<String> ID_COLUMNS = Set.of("particle", "trajectory", "TRACK_ID");

    @TempDir
    Path dir;

    /** One row of expected.csv. */
    record Case(String name, String args, int exit, String fragment, String ids) {
        @Override
        public String toString() {
            return name;
        }
    }

    private record Run(int code, String out, String err, String system) {
    }

    static Path corpus() {
        try {
            return Path.of(BadInputCorpusCliTest.class.getResource("/bad-input/expected.csv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> cases() throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setCommentMarker('#').setIgnoreSurroundingSpaces(false).get();
        List<Case> cases = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(corpus().resolve("expected.csv"), StandardCharsets.UTF_8);
                CSVParser p = CSVParser.builder().setReader(r).setFormat(format).get()) {
            for (CSVRecord rec : p) {
                cases.add(new Case(rec.get("case"), rec.get("args"), Integer.parseInt(rec.get("exit")),
                        rec.get("fragment"), rec.get("ids")));
            }
        }
        return cases;
    }

    static Stream<Arguments> rows() throws IOException {
        return cases().stream().map(Arguments::of);
    }

    @Test
    void theCorpusIsLargeAndEveryFileIsUsed() throws IOException {
        List<Case> cases = cases();
        Set<String> names = new TreeSet<>();
        for (Case c : cases) {
            assertTrue(names.add(c.name()), "case name repeats: " + c.name());
        }
        Set<String> used = new TreeSet<>();
        Set<String> commands = new TreeSet<>();
        for (Case c : cases) {
            commands.add(c.args().split(" ")[0]);
            for (String a : c.args().split(" +")) {
                if (a.startsWith("@")) {
                    used.add(a.substring(1).split("/")[0]); // @NAME/x.csv: a path under the file NAME
                }
            }
        }
        Set<String> files;
        try (Stream<Path> s = Files.list(corpus())) {
            files = s.map(f -> f.getFileName().toString()).filter(f -> !f.equals("expected.csv"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertTrue(files.size() >= 40, "corpus files: " + files.size());
        Set<String> unused = new TreeSet<>(files);
        unused.removeAll(used);
        assertEquals(Set.of(), unused, "corpus files that no case runs");
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(files);
        missing.remove("does_not_exist.csv");
        missing.remove("does_not_exist.json");
        assertEquals(Set.of(), missing, "files named by cases but not in the corpus");
        assertEquals(new TreeSet<>(List.of("analyze", "classify", "evaluate", "fingerprint", "msd", "segment",
                "simulate", "stream", "train-classifier", "export-training")), commands);
        for (int code = 0; code <= 2; code++) {
            int c = code;
            assertTrue(cases.stream().filter(k -> k.exit() == c).count() >= 5, "cases with exit " + code);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badInput(Case c) throws IOException {
        Path out = dir.resolve("out").resolve("out.csv");
        Path outDir = dir.resolve("out").resolve("analysis");
        List<String> args = new ArrayList<>();
        Path input = null;
        for (String a : c.args().split(" +")) {
            String v = a;
            if (a.startsWith("@")) {
                v = corpus().resolve(a.substring(1)).toString();
            } else if (a.startsWith("%")) {
                v = generate(a.substring(1)).toString();
            } else if (a.equals("{out}")) {
                v = out.toString();
            } else if (a.equals("{dir}")) {
                v = outDir.toString();
            }
            if (!args.isEmpty() && args.get(args.size() - 1).equals("--in")) {
                input = Path.of(v);
            }
            args.add(v);
        }
        String command = args.get(0);
        Run r = run(args.toArray(new String[0]));
        String all = r.out() + "\n" + r.err() + "\n" + r.system();
        String context = c.name() + ": " + c.args() + "\n--- stderr:\n" + r.err() + "--- stdout:\n"
                + r.out().lines().limit(5).collect(Collectors.joining("\n")) + "\n--- System.err/out:\n" + r.system();

        assertFalse(STACK_TRACE.matcher(all).find(), "stack trace or exception name: " + context);
        all.lines().forEach(l -> assertTrue(l.length() <= MAX_LINE, "line of " + l.length() + " chars: "
                + context.substring(0, Math.min(context.length(), 3 * MAX_LINE))));
        assertEquals(c.exit(), r.code(), "exit status: " + context);

        String units = input == null ? null : command + ": " + input.getFileName() + ": coordinates: ";
        List<String> lines = r.err().lines().filter(l -> !l.isBlank())
                .filter(l -> !(units != null && l.startsWith(units)) && !l.startsWith("warning: "))
                .collect(Collectors.toList());
        if (c.exit() != 0) {
            List<String> systemLines = r.system().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(List.of(), systemLines, "a failure prints only its one line: " + context);
            assertEquals(1, lines.size(), "one error line: " + context);
            String prefix = c.exit() == 2 ? "deepspt " + command + ": usage error: " : "deepspt " + command
                    + ": error: ";
            assertTrue(lines.get(0).startsWith(prefix), "starts with '" + prefix + "': " + context);
            assertFalse(c.fragment().isBlank(), "a failure names what is wrong: " + c.name());
            assertTrue(containsInOrder(lines.get(0), c.fragment()), "names '" + c.fragment() + "': " + context);
            if (Files.exists(dir.resolve("out"))) {
                try (Stream<Path> s = Files.walk(dir.resolve("out"))) {
                    assertEquals(List.of(), s.filter(Files::isRegularFile).toList(), "output left: " + context);
                }
            }
            return;
        }
        assertTrue(r.system().lines().filter(l -> !l.isBlank()).allMatch(l -> l.startsWith("[WARN] ")),
                "only library warnings reach System.err/out: " + context);
        if (c.fragment().startsWith("warning: ")) {
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith("warning: ") && containsInOrder(l, c.fragment())),
                    "warns '" + c.fragment() + "': " + context);
        }
        if (command.equals("evaluate")) {
            assertEquals(List.of(), lines, context);
            assertTrue(r.out().contains(c.fragment()), "report names '" + c.fragment() + "': " + context);
            return;
        }
        List<String> summary = SUMMARY.get(command);
        assertEquals(summary.size(), lines.size(), "summary lines: " + context);
        for (int i = 0; i < summary.size(); i++) {
            assertTrue(lines.get(i).startsWith(summary.get(i)), "summary line: " + context);
        }
        Path report = command.equals("analyze") ? outDir.resolve(AnalyzeCommand.ERRORS)
                : out.resolveSibling(out.getFileName() + ".errors.csv");
        List<CSVRecord> issues = table(report);
        String reportText = Files.readString(report, StandardCharsets.UTF_8);
        if (c.fragment().isEmpty()) {
            assertEquals(List.of(), issues.stream().map(CSVRecord::toList).toList(), "no issue: " + context);
        } else if (!c.fragment().startsWith("warning: ")) {
            assertTrue(reportText.contains(c.fragment()), "error report names '" + c.fragment() + "': "
                    + context + "--- report:\n" + reportText);
        }
        if (c.ids().equals("-")) {
            return;
        }
        Path in = input;
        Path output = command.equals("analyze") ? outDir.resolve(AnalyzeCommand.SEGMENTATION) : out;
        Set<String> inputIds = c.ids().equals("auto") ? idsOf(in) : new LinkedHashSet<>(Arrays.asList(
                c.ids().split(";")));
        assertFalse(inputIds.isEmpty(), c.name());
        List<String> particles = new ArrayList<>();
        for (CSVRecord rec : table(output)) {
            particles.add(rec.get("particle"));
        }
        for (CSVRecord rec : issues) {
            particles.add(rec.get("particle"));
        }
        for (String p : particles) {
            char first = p.isEmpty() ? ' ' : p.charAt(0);
            assertFalse(first == '=' || first == '+' || first == '@' || first == '\t' || first == '\r'
                    || (first == '-' && !p.matches("-[0-9.eE+-]+")), "a spreadsheet formula: " + p);
        }
        Set<String> seen = particles.stream().map(BadInputCorpusCliTest::unneutralised)
                .collect(Collectors.toSet());
        String filteredOut = issues.stream().filter(i -> i.get("particle").equals("(filtered-out tracks)"))
                .map(i -> i.get("detail")).collect(Collectors.joining(" "));
        for (String id : inputIds) {
            boolean found = seen.contains(id) || seen.stream().anyMatch(s -> s.startsWith(id)
                    && PIECE.matcher(s.substring(id.length())).matches())
                    || Pattern.compile("[:,] " + Pattern.quote(id) + "(,|$)").matcher(filteredOut).find();
            assertTrue(found, "track '" + abbreviate(id) + "' is in neither the output nor the error report: "
                    + context + "--- report:\n" + abbreviate(reportText));
        }
        for (String s : seen) {
            boolean known = inputIds.contains(s) || (s.startsWith("(") && s.endsWith(")"))
                    || inputIds.stream().anyMatch(id -> s.startsWith(id)
                            && PIECE.matcher(s.substring(id.length())).matches());
            assertTrue(known, "particle '" + abbreviate(s) + "' is not from the input: " + context);
        }
    }

    /** Runs the tool in-process, also capturing {@code System.out} and {@code System.err} (library logs). */
    private static synchronized Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream system = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int code;
        try (PrintStream capture = new PrintStream(system, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(code, out.toString(), err.toString(), system.toString(StandardCharsets.UTF_8));
    }

    private static List<CSVRecord> table(Path csv) throws IOException {
        assertTrue(Files.isRegularFile(csv), "missing " + csv);
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.builder().setReader(r).setFormat(CSVFormat.DEFAULT.builder().setHeader()
                        .setSkipHeaderRecord(true).get()).get()) {
            return p.getRecords();
        }
    }

    /** The distinct track ids of a CSV input (its particle, trajectory or TRACK_ID column), untracked spots aside. */
    private static Set<String> idsOf(Path csv) throws IOException {
        assertNotNull(csv, "ids=auto needs --in");
        String text = Files.readString(csv, StandardCharsets.UTF_8).replace("\uFEFF", "").replace("\r\n", "\n")
                .replace('\r', '\n');
        try (CSVParser p = CSVParser.builder().setReader(new java.io.StringReader(text))
                .setFormat(CSVFormat.DEFAULT).get()) {
            Set<String> ids = new LinkedHashSet<>();
            int col = -1;
            for (CSVRecord rec : p) {
                if (col < 0) {
                    List<String> header = rec.toList();
                    for (int i = 0; i < header.size(); i++) {
                        if (ID_COLUMNS.contains(header.get(i))) {
                            col = i;
                        }
                    }
                    if (col < 0) {
                        fail("no id column in " + csv + ": " + header);
                    }
                    continue;
                }
                String id = rec.get(col).strip();
                boolean trackMateHeader = csv.getFileName().toString().startsWith("trackmate_")
                        && rec.getRecordNumber() <= 4;
                if (!trackMateHeader && !id.isEmpty() && !id.equals("None") && !id.equals("ø")) {
                    ids.add(id);
                }
            }
            return ids;
        }
    }

    /** @return whether the parts of {@code fragment} separated by {@code " ... "} appear in this order */
    private static boolean containsInOrder(String line, String fragment) {
        int at = 0;
        for (String part : fragment.split(" \\.\\.\\. ")) {
            int i = line.indexOf(part, at);
            if (i < 0) {
                return false;
            }
            at = i + part.length();
        }
        return true;
    }

    /** Output cells are neutralised against spreadsheet formulas with a leading {@code '}. */
    private static String unneutralised(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0) {
            return cell.substring(1);
        }
        return cell;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…(" + s.length() + " chars)";
    }

    /** Inputs too large to commit, written into the test's folder. */
    private Path generate(String name) throws IOException {
        Path p = dir.resolve("in").resolve(name);
        Files.createDirectories(p.getParent());
        try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            switch (name) {
                case "huge_number_field.csv" -> {
                    // a 10 MB number: finite digits, infinite value
                    w.write("x,y,particle,frame\n");
                    w.write(track("1", 8));
                    w.write("1");
                    w.write("0".repeat(10_000_000));
                    w.write(",2.0,2,0\n");
                }
                case "huge_text_field.csv" -> {
                    w.write("x,y,particle,frame\n");
                    w.write(track("1", 8));
                    w.write("1.0,");
                    w.write("y".repeat(10_000_000));
                    w.write(",2,0\n");
                }
                case "huge_header.csv" -> {
                    // one 10 MB header line and no line end: no format can be recognised from it
                    w.write("x".repeat(10_000_000));
                }
                case "huge_id.csv" -> {
                    // a 200 kB track id, read, segmented and written; a second one rejected as too short
                    w.write("x,y,particle,frame\n");
                    String id = "id" + "9".repeat(200_000);
                    w.write(track(id, 8));
                    w.write(track(id + "-short", 2));
                }
                case "huge_id_nan.csv" -> {
                    // a NaN in a track with a 1 MB id: the error line quotes the id abbreviated
                    w.write("x,y,particle,frame\n");
                    w.write(track("ok", 8));
                    w.write("1.0,NaN,id" + "9".repeat(1_000_000) + ",0\n");
                }
                case "deep_nesting.xml" -> {
                    w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Tracks spaceUnits=\"micron\" "
                            + "frameInterval=\"0.1\">\n");
                    w.write("<particle>".repeat(50_000));
                    w.write("</particle>".repeat(50_000));
                    w.write("\n</Tracks>\n");
                }
                default -> throw new UncheckedIOException(new IOException("no generator for " + name));
            }
        }
        return p;
    }

    private static String track(String id, int points) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < points; i++) {
            sb.append(String.format(Locale.ROOT, "%.3f,%.3f,%s,%d\n", 1 + 0.1 * i + 0.03 * (i * 7 % 5),
                    2 + 0.05 * (i * 3 % 4), id, i));
        }
        return sb.toString();
    }
}
