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
 * file named twice is read once. Files of a folder or glob that this tool wrote are left out (see
 * {@link #expand(List, java.util.function.Consumer)}).
 */
final class InputFiles {
    private InputFiles() {
    }

    static List<Path> expand(List<Path> given) {
        return expand(given, note -> { });
    }

    /**
     * As {@link #expand(List)}, leaving out of a folder's or glob's matches the files this tool wrote (an earlier
     * run's output in the same folder: segmentation, segments, error report, stream states and events, MSD table,
     * predictions; recognised by their header row, {@link org.deepspt.io.OwnOutputFiles}), which would otherwise be
     * read as more tracks. A file named explicitly is always read.
     *
     * @param given the {@code --in} values
     * @param notes receives one line per folder or glob that had such files, naming them
     * @return the files to read
     */
    static List<Path> expand(List<Path> given, java.util.function.Consumer<String> notes) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : given) {
            String last = p.getFileName() == null ? "" : p.getFileName().toString();
            if (Files.isDirectory(p)) {
                List<Path> found = withoutOwnOutputs(list(p, "glob:*.{csv,CSV,xml,XML}", "--in " + p), "--in " + p,
                        notes);
                if (found.isEmpty()) {
                    throw new OptionUsageException("--in " + p + ": the folder has no *.csv or *.xml file"
                            + " of tracks");
                }
                found.forEach(f -> out.add(f.normalize()));
            } else if (!Files.exists(p) && last.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
                Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
                List<Path> found = Files.isDirectory(dir)
                        ? withoutOwnOutputs(list(dir, "glob:" + last, "--in " + p), "--in " + p, notes) : List.of();
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

    private static List<Path> withoutOwnOutputs(List<Path> found, String what,
            java.util.function.Consumer<String> notes) {
        List<Path> keep = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path f : found) {
            if (org.deepspt.io.OwnOutputFiles.isOwnOutput(f)) {
                skipped.add(f.getFileName().toString());
            } else {
                keep.add(f);
            }
        }
        if (!skipped.isEmpty()) {
            notes.accept(what + ": skipped " + skipped.size() + " file" + (skipped.size() == 1 ? "" : "s")
                    + " written by deepspt (" + String.join(", ", skipped) + "); name a file explicitly to read it");
        }
        return keep;
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
