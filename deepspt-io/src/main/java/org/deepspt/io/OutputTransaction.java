package org.deepspt.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.Messages;
import org.deepspt.core.IoReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All-or-nothing output files: each target is written to a temporary file in the same folder
 * ({@link #stage(Path)}), and {@link #commit()} renames every one onto its target (atomically where the file
 * system can), restoring the targets already replaced when a later rename fails. Closing without a commit
 * deletes the temporary files, so a failed or interrupted run never leaves a truncated output, nor a new error
 * report beside an old output: the previous run's files stay as they were. Failures are
 * {@link DeepSptException}s whose message names the file and the reason in words ({@code cannot write out.csv:
 * permission denied}, see {@link IoReason}). Use with try-with-resources. Not thread-safe.
 *
 * <p>A target that is a symbolic link is written through the link (the link stays, its final target gets the new
 * content); a target that exists and is neither a regular file nor a folder (a device such as {@code /dev/null},
 * a named pipe a reader waits on) is written in place, not replaced by a regular file: such an output is outside
 * the all-or-nothing guarantee.
 *
 * <p>Files are created as any program creates them, with the process umask (0644 under umask 022), so that
 * colleagues can read a report on a shared server; nothing is made more open than the umask allows. A
 * temporary file is named {@code .<name>.<pid>-<random>.tmp}: one that an earlier run left behind when it was
 * killed (its process no longer alive) is deleted when the same target is staged again, with a warning in
 * the log; a leftover of another naming is only reported.
 */
public final class OutputTransaction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputTransaction.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<Path, Path> staged = new LinkedHashMap<>();
    private boolean committed;

    private OutputTransaction() {
    }

    /** @return a new transaction */
    public static OutputTransaction begin() {
        return new OutputTransaction();
    }

    /**
     * @param target the file to write in the end
     * @return the temporary file to write now ({@code .<name>.<pid>-<random>.tmp} in the target's folder)
     * @throws DeepSptException naming the target when its folder is not writable
     */
    public Path stage(Path target) {
        Path abs = linkTarget(target.toAbsolutePath().normalize());
        if (Files.exists(abs) && !Files.isRegularFile(abs) && !Files.isDirectory(abs)) {
            return abs;   // a device or a named pipe: written in place (replacing it would destroy it)
        }
        Path dir = abs.getParent();
        try {
            try {
                Files.createDirectories(dir);
            } catch (FileAlreadyExistsException e) {
                // createDirectories says so when a file stands where the folder should be
                throw new DeepSptException("cannot write " + target + ": " + dir + " is a file, not a folder", e);
            }
            if (staged.containsKey(abs)) {
                throw new IllegalArgumentException(target + " is staged twice in one transaction");
            }
            if (Files.isDirectory(abs)) {
                throw new DeepSptException("cannot write " + target + ": it is a folder");
            }
            cleanLeftovers(dir, abs.getFileName().toString());
            Path tmp = createTemp(dir, abs.getFileName().toString());
            staged.put(abs, tmp);
            return tmp;
        } catch (IOException e) {
            throw new DeepSptException("cannot write " + target + ": " + reason(e), e);
        }
    }

    /**
     * Renames every staged file onto its target; the transaction is then done. The previous content of each
     * target is kept aside first (a hard link, or a copy where links are not supported), so that when one rename
     * fails the targets already replaced get their previous content back and the new ones are removed: no output
     * is replaced unless all are.
     *
     * @throws DeepSptException naming the target that could not be written (then no target has changed)
     */
    public void commit() {
        Map<Path, Path> kept = new LinkedHashMap<>();
        List<Path> replaced = new ArrayList<>();
        Path current = null;
        try {
            for (Path target : staged.keySet()) {
                current = target;
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    kept.put(target, keepAside(target));
                }
            }
            for (Map.Entry<Path, Path> e : staged.entrySet()) {
                current = e.getKey();
                try {
                    Files.move(e.getValue(), e.getKey(), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException x) {
                    Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
                }
                replaced.add(e.getKey());
            }
        } catch (IOException x) {
            rollBack(replaced, kept);
            throw new DeepSptException("cannot write " + current + ": " + reason(x) + " (no output was replaced)", x);
        }
        for (Path k : kept.values()) {
            deleteQuietly(k);
        }
        staged.clear();
        committed = true;
    }

    /**
     * @return the file a path names after following its symbolic links (at most 40, as the kernel), the path itself
     *     when it is not a link; a dangling link gives the file it would create
     */
    private static Path linkTarget(Path path) {
        Path p = path;
        try {
            for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
                Path parent = p.getParent();
                Path next = Files.readSymbolicLink(p);
                p = (parent == null ? next : parent.resolve(next)).toAbsolutePath().normalize();
            }
        } catch (IOException e) {
            return path;   // unreadable link: staged as the path, and the rename reports the failure
        }
        return p;
    }

    /** A hidden second name (or copy) of the target's current content, named like a temporary file. */
    private static Path keepAside(Path target) throws IOException {
        Path aside = createTemp(target.getParent(), target.getFileName().toString());
        Files.delete(aside);
        try {
            Files.createLink(aside, target);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(target, aside, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return aside;
    }

    /** Undoes a partial commit: the replaced targets get their kept content back, or are removed if new. */
    private void rollBack(List<Path> replaced, Map<Path, Path> kept) {
        for (Path target : replaced) {
            try {
                Path aside = kept.remove(target);
                if (aside != null) {
                    Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(target);
                }
            } catch (IOException e) {
                LOG.warn("could not restore {} after a failed commit: {}", target, reason(e));
            }
            staged.remove(target);
        }
        for (Path aside : kept.values()) {
            deleteQuietly(aside);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: the file is hidden and named *.tmp
        }
    }

    /** Deletes the temporary files of an uncommitted transaction. */
    @Override
    public void close() {
        for (Path tmp : staged.values()) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // best effort: the file is hidden and named *.tmp
            }
        }
        staged.clear();
    }

    /** @return whether {@link #commit()} completed */
    public boolean committed() {
        return committed;
    }

    /**
     * Creates {@code .<name>.<pid>-<random>.tmp} without file attributes, so that the operating system applies
     * the process umask ({@link Files#createTempFile} would make it 0600 whatever the umask).
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++) {
            String random = Long.toUnsignedString(RANDOM.nextLong(), 36);
            try {
                return Files.createFile(dir.resolve("." + name + "." + pid + "-" + random + ".tmp"));
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * Deletes the temporary files of {@code name} that a run killed before its commit or cleanup left in
     * {@code dir} (their process is gone), and reports the ones it cannot attribute.
     */
    private static void cleanLeftovers(Path dir, String name) {
        String prefix = "." + name + ".";
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String f = p.getFileName().toString();
            return f.startsWith(prefix) && f.endsWith(".tmp");
        })) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                String middle = f.substring(prefix.length(), f.length() - ".tmp".length());
                int dash = middle.indexOf('-');
                long pid = -1;
                if (dash > 0) {
                    try {
                        pid = Long.parseLong(middle.substring(0, dash));
                    } catch (NumberFormatException e) {
                        pid = -1;
                    }
                }
                if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // another run is writing the same target now
                }
                if (pid > 0 && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                    LOG.warn("removed {}, left by an earlier run that stopped before it finished (process {})",
                            Messages.escape(p.toString()), pid);
                } else {
                    LOG.warn("{} looks like a temporary file left by an earlier run that stopped; delete it if no "
                            + "other run is writing {}", Messages.escape(p.toString()), Messages.escape(name));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // A folder that cannot be listed is reported when the file itself cannot be created.
        }
    }

    private static String reason(IOException e) {
        return IoReason.of(e);
    }
}
