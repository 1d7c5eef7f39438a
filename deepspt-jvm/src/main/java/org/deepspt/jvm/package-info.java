/**
 * The pure-JVM inference backend ({@code --backend jvm}): {@link org.deepspt.jvm.JvmBackend} runs the
 * shipped ONNX segmentation models with no native code, found through
 * {@link org.deepspt.api.inference.InferenceBackend} and {@link java.util.ServiceLoader}.
 */
@NullMarked
package org.deepspt.jvm;

import org.jspecify.annotations.NullMarked;
