/**
 * The {@code deepspt} command-line tool (picocli): {@code simulate}, {@code segment}, {@code evaluate},
 * {@code msd}. Results go to files; summaries and a progress bar go to stderr; errors exit non-zero with one
 * clear line (a stack trace only with {@code --verbose}).
 */
@NullMarked
package org.deepspt.cli;

import org.jspecify.annotations.NullMarked;
