package org.deepspt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ```java block of README.md is complete: its imports and the names it uses are in the block, and it
 * compiles against the published modules. Each block becomes a class: its {@code import} lines at the top, the
 * rest as the body of {@code main(String[] args)}. A block preceded by a line starting
 * {@code <!-- readme-snippet: excerpt} (the README says what it leaves out) is not compiled; when that line names an
 * example test ({@code NameTest compiles and runs the whole}), the block must be that test's region between
 * {@code // --- README ---} and {@code // --- end README ---}, as it runs there.
 */
class ReadmeSnippetsCompileTest {
    @TempDir
    Path dir;

    /** A java block of the README: its first line number and its lines. */
    record Snippet(int line, List<String> lines) {
    }

    static List<Snippet> javaBlocks(List<String> readme) {
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (!readme.get(i).strip().equals("```java")) {
                continue;
            }
            boolean excerpt = i > 0 && readme.get(i - 1).startsWith("<!-- readme-snippet: excerpt");
            List<String> body = new ArrayList<>();
            int j = i + 1;
            while (!readme.get(j).strip().equals("```")) {
                body.add(readme.get(j++));
            }
            if (!excerpt) {
                out.add(new Snippet(i + 1, body));
            }
            i = j;
        }
        return out;
    }

    @Test
    void everyJavaSnippetCompiles() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("../README.md"));
        List<Snippet> snippets = javaBlocks(readme);
        assertTrue(snippets.size() >= 4, "found " + snippets.size() + " java blocks");
        List<Path> sources = new ArrayList<>();
        for (Snippet s : snippets) {
            StringBuilder imports = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (String l : s.lines()) {
                (l.startsWith("import ") ? imports : body).append(l).append('\n');
            }
            String name = "ReadmeLine" + s.line();
            Path src = dir.resolve(name + ".java");
            Files.writeString(src, imports + "\n@SuppressWarnings(\"unused\")\npublic class " + name + " {\n"
                    + "    public static void main(String[] args) throws Exception {\n" + body + "    }\n}\n");
            sources.add(src);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null)) {
            StringWriter out = new StringWriter();
            boolean ok = javac.getTask(out, fm, diagnostics, List.of("-d", dir.resolve("classes").toString(),
                    "-classpath", System.getProperty("java.class.path"), "-proc:none"), null,
                    fm.getJavaFileObjectsFromPaths(sources)).call();
            StringBuilder why = new StringBuilder();
            diagnostics.getDiagnostics().forEach(d -> why.append(d.getSource() == null ? "" : d.getSource().getName())
                    .append(':').append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n'));
            assertTrue(ok, "README java blocks do not compile (ReadmeLineN = the block starting at README line N):\n"
                    + why + out);
            assertEquals(0, diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR).count());
        }
    }

    /**
     * The README's Kotlin block is the code {@code ReadmeKotlinExampleTest} runs (between its {@code // --- README ---}
     * markers), but for the file name: the README reads {@code tracks.csv}, the test the bundled example (review: the
     * README's block read tracks without a minimum length that the test never saw fail on a 3-point track).
     */
    @Test
    void kotlinBlockIsTheTestedOne() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("../README.md"));
        int start = readme.indexOf("```kotlin");
        assertTrue(start >= 0, "no kotlin block in README.md");
        int i = start + 1;
        while (readme.get(i).startsWith("import ") || readme.get(i).isBlank()) {
            i++;
        }
        List<String> block = new ArrayList<>();
        for (; !readme.get(i).strip().equals("```"); i++) {
            block.add(readme.get(i));
        }
        List<String> tested = region(Files.readAllLines(
                Path.of("src/test/kotlin/org/deepspt/examples/ReadmeKotlinExampleTest.kt"))).stream()
                .map(l -> l.replace("\"../examples/tracks-2d.csv\"", "\"tracks.csv\"")).toList();
        assertEquals(String.join("\n", tested), String.join("\n", block));
    }

    /**
     * An excerpt whose marker names an example test is, line for line, that test's README region without its
     * indentation: the README shows the code that the test compiles and runs (found by review: the marker named
     * another test than the one the block came from).
     */
    @Test
    void everyExcerptIsTheRegionOfTheExampleItNames() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("../README.md"));
        Pattern names = Pattern.compile("(\\w+Test) compiles and runs the whole");
        int checked = 0;
        for (int i = 0; i + 1 < readme.size(); i++) {
            Matcher m = names.matcher(readme.get(i));
            if (!readme.get(i).startsWith("<!-- readme-snippet: excerpt") || !m.find()) {
                continue;
            }
            Path example = Path.of("src/test/java/org/deepspt/examples", m.group(1) + ".java");
            assertTrue(Files.exists(example), "README line " + (i + 1) + " names " + m.group(1)
                    + ", which is not an example test of deepspt-examples");
            assertEquals("```java", readme.get(i + 1).strip(), "README line " + (i + 2));
            List<String> block = new ArrayList<>();
            for (int j = i + 2; !readme.get(j).strip().equals("```"); j++) {
                block.add(readme.get(j));
            }
            assertEquals(String.join("\n", region(Files.readAllLines(example))), String.join("\n", block),
                    "the java block after README line " + (i + 1) + " is not the README region of " + example);
            checked++;
        }
        assertTrue(checked >= 1, "no excerpt names an example test");
    }

    /** @return the lines between {@code // --- README ---} and {@code // --- end README ---}, less their indentation */
    private static List<String> region(List<String> source) {
        int from = source.indexOf(source.stream().filter(l -> l.strip().equals("// --- README ---")).findFirst()
                .orElseThrow(() -> new AssertionError("no // --- README --- line")));
        int to = source.indexOf(source.stream().filter(l -> l.strip().equals("// --- end README ---")).findFirst()
                .orElseThrow(() -> new AssertionError("no // --- end README --- line")));
        List<String> lines = source.subList(from + 1, to);
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }
}
