package org.deepspt.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepspt.api.DeepSptException;

/**
 * All-or-nothing output files: each target is written to a temporary file in the same folder
 * ({@link #stage(Path)}), and {@link #commit()} renames every one onto its target (atomically where the file
 * system can). Closing without a commit deletes the temporary files, so a failed or interrupted run never
 * leaves a truncated output, nor a new error report beside an old output: the previous run's files stay as
 * they were. Failures are {@link DeepSptException}s whose message names the file and the reason in words
 * ({@code cannot write out.csv: permission denied}, see {@link IoReason}). Use with try-with-resources. Not
 * thread-safe.
 */
public final class OutputTransaction implements AutoCloseable {
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
     * @return the temporary file to write now ({@code .<name>.<random>.tmp} in the target's folder)
     * @throws DeepSptException naming the target when its folder is not writable
     */
    public Path stage(Path target) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            try {
                Files.createDirectories(dir);
            } catch (FileAlreadyExistsException e) {
                // createDirectories says so when a file stands where the folder should be
                throw new DeepSptException("cannot write " + target + ": " + dir + " is a file, not a folder", e);
            }
            Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            staged.put(abs, tmp);
            return tmp;
        } catch (IOException e) {
            throw new DeepSptException("cannot write " + target + ": " + reason(e), e);
        }
    }

    /** Renames every staged file onto its target; the transaction is then done. */
    public void commit() {
        List<Path> done = new ArrayList<>();
        for (Map.Entry<Path, Path> e : staged.entrySet()) {
            try {
                try {
                    Files.move(e.getValue(), e.getKey(), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException x) {
                    Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
                }
                done.add(e.getKey());
            } catch (IOException x) {
                throw new DeepSptException("cannot write " + e.getKey() + ": " + reason(x), x);
            }
        }
        done.forEach(staged::remove);
        committed = true;
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

    private static String reason(IOException e) {
        return IoReason.of(e);
    }
}
