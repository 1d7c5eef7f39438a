package org.deepspt.onnx;

import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.model.SegmentationModels;
import org.deepspt.testkit.InferenceEngineContract;

/** The {@code onnx} engine passes the engine contract on the bundled fast (float32, one-member) models. */
class OnnxEngineContractTest extends InferenceEngineContract {

    @Override
    protected InferenceEngine open(int dimension) {
        String name = SegmentationModels.fastName(dimension);
        return new OnnxBackend().load(BundledBytes.onnx(name), name, dimension, EngineOptions.defaults());
    }
}
