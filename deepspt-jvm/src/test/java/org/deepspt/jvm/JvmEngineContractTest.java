package org.deepspt.jvm;

import java.util.Optional;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.model.SegmentationModels;
import org.deepspt.onnx.OnnxBackend;
import org.deepspt.testkit.InferenceEngineContract;

/**
 * The {@code jvm} engine passes the engine contract on the bundled fast (float32, one-member) models, with ONNX
 * Runtime on the same file as its reference where it loads.
 */
class JvmEngineContractTest extends InferenceEngineContract {

    private static byte[] model(int dimension) {
        return TestResources.model(SegmentationModels.fastName(dimension));
    }

    @Override
    protected InferenceEngine open(int dimension) {
        return new JvmBackend().load(model(dimension), SegmentationModels.fastName(dimension), dimension,
                EngineOptions.defaults());
    }

    @Override
    protected Optional<InferenceEngine> reference(int dimension) {
        OnnxBackend onnx = new OnnxBackend();
        return onnx.isAvailable() ? Optional.of(onnx.load(model(dimension), SegmentationModels.fastName(dimension),
                dimension, EngineOptions.defaults())) : Optional.empty();
    }
}
