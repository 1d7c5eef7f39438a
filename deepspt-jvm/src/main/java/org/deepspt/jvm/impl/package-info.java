/**
 * Internals of the pure-JVM backend: the ONNX loader and validator ({@link org.deepspt.jvm.impl.ModelCompiler}),
 * the interpreter ({@link org.deepspt.jvm.impl.Program}, {@link org.deepspt.jvm.impl.Tensor},
 * {@link org.deepspt.jvm.impl.Arena}), the operators ({@code *Ops}) and the Conv1d kernels
 * ({@link org.deepspt.jvm.impl.Kernels}). Not API: may change in any release.
 */
package org.deepspt.jvm.impl;
