/**
 * The command-line options that deepspt-cli and deepspt-spark share: one check and one error message per option
 * ({@link SharedOptions}) and one usage-error type ({@link OptionUsageException}). The option declarations
 * (picocli annotations and help texts) stay in each tool, whose wording and defaults differ where their inputs
 * do (files with metadata vs tables).
 */
@NullMarked
package org.deepspt.options;

import org.jspecify.annotations.NullMarked;
