package org.deepspt.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The file {@code stream --follow} reads was truncated, replaced or deleted while it was followed: reading on at
 * the old position would skip or repeat rows, so the stream stops. The message names the file.
 */
final class FollowedFileChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String problem;

    /**
     * @param file the followed file
     * @param problem what happened to it, e.g. "was truncated while following (…)"
     */
    FollowedFileChangedException(Path file, String problem) {
        super(file + " " + problem);
        this.problem = problem;
    }

    /** @return what happened to the file, without its name */
    String problem() {
        return problem;
    }
}
