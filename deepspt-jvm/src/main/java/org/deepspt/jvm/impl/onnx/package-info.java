/**
 * ONNX protobuf messages ({@code ModelProto}, {@code GraphProto}, {@code NodeProto}, {@code TensorProto}, …),
 * generated at build time by protoc from {@code src/main/protobuf/onnx.proto}, a trimmed copy of the ONNX
 * project's {@code onnx.proto3} (Apache-2.0). Internal: only {@code org.deepspt.jvm.impl} reads them.
 */
package org.deepspt.jvm.impl.onnx;
