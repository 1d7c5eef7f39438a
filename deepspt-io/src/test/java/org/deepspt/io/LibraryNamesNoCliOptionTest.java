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

    /** The check finds what it is meant to find. */
    @Test
    void theCheckFindsAnOptionInAMessage() {
        assertTrue(OPTION.matcher("\"give --pixel-size UM\"").find());
        assertTrue(OPTION.matcher("(--all-tracks reads them)").find());
        assertTrue(!OPTION.matcher("<!-- comment -->, a--b, x --- y").find());
    }
}
