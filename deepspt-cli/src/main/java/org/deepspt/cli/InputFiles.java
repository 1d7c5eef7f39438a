package org.deepspt.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.deepspt.core.IoReason;
import org.deepspt.options.OptionUsageException;

/**
 * Expands the {@code --in} values into files: a file as it is; a folder into its {@code *.csv} and
 * {@code *.xml} files (not its sub-folders), sorted by name; a path whose last part has glob characters
 * ({@code *}, {@code ?}, {@code [}, <code>{</code>) into the matching files of its folder, sorted by name. A
 * file named twice is read once.
 */
final class InputFiles {
    private InputFiles() {
    }

    static List<Path> expand(List<Path> given) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : given) {
            String last = p.getFileName() == null ? "" : p.getFileName().toString();
            if (Files.isDirectory(p)) {
                List<Path> found = list(p, "glob:*.{csv,CSV,xml,XML}", "--in " + p);
                if (found.isEmpty()) {
                    throw new OptionUsageException("--in " + p + ": the folder has no *.csv or *.xml file");
                }
                found.forEach(f -> out.add(f.normalize()));
            } else if (!Files.exists(p) && last.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
                Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
                List<Path> found = Files.isDirectory(dir) ? list(dir, "glob:" + last, "--in " + p) : List.of();
                if (found.isEmpty()) {
                    throw new OptionUsageException("--in " + p + ": no file matches");
                }
                found.forEach(f -> out.add(f.normalize()));
            } else {
                out.add(p.normalize());
            }
        }
        return List.copyOf(out);
    }

    private static List<Path> list(Path dir, String pattern, String what) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher(pattern);
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                if (Files.isRegularFile(f) && m.matches(f.getFileName())) {
                    found.add(dir.resolve(f.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new OptionUsageException(what + ": cannot list " + dir + ": " + IoReason.of(e), e);
        }
        found.sort((a, b) -> a.getFileName().toString().toLowerCase(Locale.ROOT)
                .compareTo(b.getFileName().toString().toLowerCase(Locale.ROOT)));
        return found;
    }
}
