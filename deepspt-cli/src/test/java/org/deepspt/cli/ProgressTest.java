package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The progress line's terminal test looks at stderr itself (its {@code /proc/self/fd/2} target), not only at
 * {@link System#console()}, which is null whenever stdin is a pipe ({@code acquire | deepspt stream --in -}; review).
 */
class ProgressTest {
    @Test
    void terminalDevicesAreTerminalsAndFilesPipesSocketsAreNot() {
        assertTrue(Progress.isTerminalDevice("/dev/pts/3"));
        assertTrue(Progress.isTerminalDevice("/dev/tty1"));
        assertTrue(Progress.isTerminalDevice("/dev/tty"));
        assertFalse(Progress.isTerminalDevice("/tmp/err.log"));
        assertFalse(Progress.isTerminalDevice("pipe:[40213]"));
        assertFalse(Progress.isTerminalDevice("socket:[1234]"));
        assertFalse(Progress.isTerminalDevice("/dev/null"));
    }
}
