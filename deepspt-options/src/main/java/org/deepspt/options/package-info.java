/**
 * The command-line options that deepspt-cli and deepspt-spark share: the picocli mixins of the read policies
 * ({@link ReadPolicyOptions}), of the model choice ({@link ModelChoiceOptions}) and of the post-processing
 * ({@link PostProcessingOptions}), one check and one error message
 * per option ({@link SharedOptions}) and one usage-error type ({@link OptionUsageException}). The descriptions are
 * the CLI's; where the Spark job words an option otherwise (it reads tables, not files with metadata) its
 * command's resource bundle gives its text under the option's description key.
 */
@NullMarked
package org.deepspt.options;

import org.jspecify.annotations.NullMarked;
