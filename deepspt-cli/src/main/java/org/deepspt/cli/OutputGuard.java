package org.deepspt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepspt.core.IoReason;
import org.deepspt.options.OptionUsageException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * Refuses, before anything is read or written, a command whose outputs would overwrite one of its inputs or
 * each other: {@code segment --in X.csv --out X.csv}, {@code --errors}, {@code --segments} or {@code --events}
 * equal to {@code --out}, to each other or to the input, path aliases such as {@code ./../dir/X.csv} or symbolic links, and {@code analyze --out DIR} when
 * an input is one of the files {@code analyze} writes into DIR; and an output that cannot be written: its
 * folder is read-only or refuses files ({@code /proc}), a file stands where a folder should
 * ({@code --out data.csv/x.csv}), or the output is a folder (except the folders of {@code analyze} and
 * {@code export-training}, whose files are checked instead); {@code stream --out -} is standard output, not a file.
 * All are usage errors (exit status 2) naming the
 * option. Paths are compared after resolving the real path of their folder.
 */
final class OutputGuard {
    private static final String[] INPUTS = {"--in", "--truth", "--pred", "--labels", "--classifier", "--model",
        "--segmenter"};

    private OutputGuard() {
    }

    static void check(CommandLine.ParseResult leaf) {
        Map<Path, String> inputs = new LinkedHashMap<>();
        for (String name : INPUTS) {
            for (Path p : paths(leaf, name)) {
                if (Files.isRegularFile(p)) {
                    inputs.put(key(p), name + " " + p);
                }
            }
        }
        List<Object[]> outputs = new ArrayList<>();
        Path out = path(leaf, "--out");
        String command = leaf.commandSpec().name();
        if (out != null && command.equals("stream") && out.toString().equals("-")) {
            // standard output; the error report is a file only where --errors names one
            Path errors = path(leaf, "--errors");
            if (errors != null) {
                outputs.add(new Object[] {errors, "--errors " + errors});
            }
        } else if (out != null) {
            if (command.equals("analyze")) {
                for (String f : AnalyzeCommand.FILES) {
                    outputs.add(new Object[] {out.resolve(f), "--out " + out + " (its " + f + ")"});
                }
            } else if (command.equals("export-training")) {
                // a folder, created if missing or written into: its four files are the outputs
                for (String f : org.deepspt.npy.TrainingSetExporter.FILES) {
                    outputs.add(new Object[] {out.resolve(f), "--out " + out + " (its " + f + ")"});
                }
            } else {
                outputs.add(new Object[] {out, "--out " + out});
                if (leaf.commandSpec().findOption("--errors") != null) {
                    Path errors = path(leaf, "--errors");
                    Path report = errors != null ? errors : out.resolveSibling(out.getFileName() + ".errors.csv");
                    outputs.add(new Object[] {report, errors != null ? "--errors " + errors : "the error report "
                            + report});
                }
                if (command.equals("fingerprint") && leaf.hasMatchedOption("--window")) {
                    Path tr = out.resolveSibling(out.getFileName() + ".time-resolved.csv");
                    outputs.add(new Object[] {tr, "the time-resolved output " + tr});
                }
            }
        }
        for (String name : new String[] {"--events", "--segments"}) {
            Path p = path(leaf, name);
            if (p != null) {
                outputs.add(new Object[] {p, name + " " + p});
            }
        }
        Map<Path, String> seen = new LinkedHashMap<>();
        for (Object[] o : outputs) {
            Path k = key((Path) o[0]);
            String what = (String) o[1];
            checkWritable(k, what);
            if (Files.isDirectory(k) && !command.equals("analyze")) {
                throw new OptionUsageException("cannot write " + what + ": it is a folder");
            }
            if (inputs.containsKey(k)) {
                throw new OptionUsageException(what + " would overwrite the input " + inputs.get(k)
                        + "; choose another output");
            }
            String other = seen.putIfAbsent(k, what);
            if (other != null) {
                throw new OptionUsageException(what + " and " + other + " are the same file; choose another");
            }
        }
    }

    /** @return the paths of an option that takes several ({@code --in}: the files its folders and globs name) */
    private static List<Path> paths(CommandLine.ParseResult leaf, String name) {
        if (!leaf.hasMatchedOption(name)) {
            return List.of();
        }
        Object v = leaf.matchedOptionValue(name, null);
        if (v instanceof List<?> list) {
            List<Path> given = new ArrayList<>();
            for (Object o : list) {
                if (o instanceof Path p) {
                    given.add(p);
                }
            }
            try {
                return InputFiles.expand(given);
            } catch (OptionUsageException e) {
                return given;   // reported when the command reads its input
            }
        }
        Path p = path(leaf, name);
        return p == null ? List.of() : List.of(p);
    }

    private static @Nullable Path path(CommandLine.ParseResult leaf, String name) {
        if (!leaf.hasMatchedOption(name)) {
            return null;
        }
        Object v = leaf.matchedOptionValue(name, null);
        if (v instanceof Path p) {
            return p;
        }
        if (v instanceof String s && !s.isEmpty()) {
            try {
                return Path.of(s);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Refuses an output whose folder cannot be written or created: the nearest existing path above it must be
     * a folder (not a file: {@code --out data.csv/x.csv}) in which a file can be created (not {@code /proc},
     * not read-only). Missing folders below it are created later.
     *
     * @param target the output file
     * @param what the option and path, for the message
     * @throws OptionUsageException naming the option and the reason
     */
    private static void checkWritable(Path target, String what) {
        Path f = target.getParent();
        while (f != null && !Files.exists(f)) {
            f = f.getParent();
        }
        if (f == null) {
            return;
        }
        if (!Files.isDirectory(f)) {
            throw new OptionUsageException("cannot write " + what + ": " + f + " is a file, not a folder");
        }
        // Files.isWritable says yes to root everywhere (e.g. /proc): try it instead.
        try {
            Files.delete(Files.createTempFile(f, ".deepspt-write-probe", ".tmp"));
        } catch (IOException e) {
            String reason = e instanceof NoSuchFileException ? "it does not accept new files" : IoReason.of(e);
            throw new OptionUsageException("cannot write " + what + ": folder " + f + " is not writable (" + reason
                    + ")", e);
        }
    }

    /** The real path of the folder plus the file name; the absolute normalised path when the folder is new. */
    static Path key(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs)) {
                return abs.toRealPath();
            }
            Path parent = abs.getParent();
            if (parent != null && Files.isDirectory(parent)) {
                return parent.toRealPath().resolve(abs.getFileName());
            }
        } catch (IOException e) {
            return abs;
        }
        return abs;
    }
}
