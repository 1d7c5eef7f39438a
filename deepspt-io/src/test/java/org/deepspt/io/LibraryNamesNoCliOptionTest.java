package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library speaks its own API, never a front end's options: no main source file of this module (code, message
 * or comment) names a command-line option ({@code --} followed by a letter), except {@link CommandLineTerms}, the
 * one place that renders the library's terms ({@link ReadTerm}) as the command-line tools' options (before:
 * {@code --frame-interval 0.1 s conflicts …}, {@code give --pixel-size UM}, which the Fiji plugin rewrote by text
 * replacement).
 */
class LibraryNamesNoCliOptionTest {
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[A-Za-z]");
    /** A string literal, escapes included. */
    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    /** The library's API as a message would name it: {@code ReadOptions.format}, {@code BranchPolicy.SPLIT}. */
    private static final Pattern API_HINT = Pattern.compile("\\b(?:ReadOptions|[A-Z]\\w*Policy)\\.\\w");

    @Test
    void noMainSourceNamesACommandLineOption() throws IOException {
        Path main = Path.of("src/main");
        assertTrue(Files.isDirectory(main), "run from the module folder: " + main.toAbsolutePath());
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                if (f.getFileName().toString().equals("CommandLineTerms.java")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = OPTION.matcher(lines.get(i));
                    if (m.find()) {
                        found.add(main.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "name the library's API (ReadTerm) instead; CommandLineTerms renders it");
    }

    /**
     * Every hint at the library's API in a message is a {@link ReadTerm}, which each front end words: no string
     * literal of a main source but {@link ReadTerm}'s own names {@code ReadOptions.} or a {@code …Policy.} (before:
     * {@code "map another column with ReadOptions.column(\"" + role + "\", header)"} and {@code "force it with
     * ReadOptions.format …"}, which the command-line tools rewrote by regular expressions and the Fiji plugin showed
     * as they were).
     */
    @Test
    void noMessageNamesTheLibrarysApiButByATerm() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (f.getFileName().toString().equals("ReadTerm.java")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (!line.startsWith("*") && !line.startsWith("/") && hintInLiteral(line)) {
                        found.add(f + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), found, "build the hint from a ReadTerm (ReadTerm.FORMAT, ReadTerm.column(role))");
    }

    private static boolean hintInLiteral(String line) {
        Matcher literal = LITERAL.matcher(line);
        while (literal.find()) {
            if (API_HINT.matcher(literal.group()).find()) {
                return true;
            }
        }
        return false;
    }

    /** The check finds what it is meant to find. */
    @Test
    void theCheckFindsAnOptionInAMessage() {
        assertTrue(OPTION.matcher("\"give --pixel-size UM\"").find());
        assertTrue(OPTION.matcher("(--all-tracks reads them)").find());
        assertTrue(!OPTION.matcher("<!-- comment -->, a--b, x --- y").find());
        assertTrue(hintInLiteral("+ \"; map another column with ReadOptions.column(\\\"\" + role"));
        assertTrue(hintInLiteral("\"force it with ReadOptions.format or …\""));
        assertTrue(hintInLiteral("\"use NonFinitePolicy.DROP_TRACK\""));
        assertTrue(!hintInLiteral("\"ReadOptions[pixelSize=\" + pixelSize")
                && !hintInLiteral("options.nonFinitePolicy() == NonFinitePolicy.ERROR"));
    }
}
