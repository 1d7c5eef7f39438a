package org.deepspt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * Refuses, before anything is read or written, a command whose outputs would overwrite one of its inputs or
 * each other: {@code segment --in X.csv --out X.csv}, {@code --errors} equal to {@code --out} or to the
 * input, path aliases such as {@code ./../dir/X.csv} or symbolic links, and {@code analyze --out DIR} when
 * an input is one of the files {@code analyze} writes into DIR. Paths are compared after resolving the real
 * path of their folder.
 */
final class OutputGuard {
    private static final String[] INPUTS = {"--in", "--truth", "--pred", "--labels", "--classifier", "--model",
        "--segmenter"};

    private OutputGuard() {
    }

    static void check(CommandLine.ParseResult leaf) {
        Map<Path, String> inputs = new LinkedHashMap<>();
        for (String name : INPUTS) {
            Path p = path(leaf, name);
            if (p != null && Files.isRegularFile(p)) {
                inputs.put(key(p), name + " " + p);
            }
        }
        List<Object[]> outputs = new ArrayList<>();
        Path out = path(leaf, "--out");
        String command = leaf.commandSpec().name();
        if (out != null) {
            if (command.equals("analyze")) {
                for (String f : AnalyzeCommand.FILES) {
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
        for (String name : new String[] {"--events"}) {
            Path p = path(leaf, name);
            if (p != null) {
                outputs.add(new Object[] {p, name + " " + p});
            }
        }
        Map<Path, String> seen = new LinkedHashMap<>();
        for (Object[] o : outputs) {
            Path k = key((Path) o[0]);
            String what = (String) o[1];
            Path folder = existingFolder(k);
            if (folder != null) {
                // Files.isWritable says yes to root everywhere (e.g. /proc): try it instead.
                try {
                    Files.delete(Files.createTempFile(folder, ".deepspt-write-probe", ".tmp"));
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot write " + what + ": folder " + folder
                            + " is not writable (" + e.getClass().getSimpleName() + ")");
                }
            }
            if (Files.isDirectory(k) && !command.equals("analyze")) {
                throw new IllegalArgumentException("cannot write " + what + ": it is a folder");
            }
            if (inputs.containsKey(k)) {
                throw new UsageException(what + " would overwrite the input " + inputs.get(k)
                        + "; choose another output");
            }
            String other = seen.putIfAbsent(k, what);
            if (other != null) {
                throw new UsageException(what + " and " + other + " are the same file; choose another");
            }
        }
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

    /** @return the nearest existing folder above {@code p}, or null */
    private static @Nullable Path existingFolder(Path p) {
        Path f = p.getParent();
        while (f != null && !Files.isDirectory(f)) {
            f = f.getParent();
        }
        return f;
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
