/**
 * Conv1d kernels on the JDK Vector API ({@code jdk.incubator.vector}). Compiled separately (the module is
 * not part of {@code --release 17}) and loaded reflectively by {@link org.deepspt.jvm.impl.Kernels} only
 * when the module is readable at run time ({@code --add-modules jdk.incubator.vector}); nothing else refers
 * to these classes.
 */
package org.deepspt.jvm.impl.vector;
