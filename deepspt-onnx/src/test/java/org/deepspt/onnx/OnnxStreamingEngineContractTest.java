package org.deepspt.onnx;

import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.StreamingEngine;
import org.deepspt.online.StreamingModels;
import org.deepspt.testkit.StreamingEngineContract;

/** The {@code onnx} streaming engine passes the streaming-engine contract on the bundled 2D streaming model. */
class OnnxStreamingEngineContractTest extends StreamingEngineContract {

    @Override
    protected StreamingEngine open() {
        String name = StreamingModels.defaultName(2);
        return new OnnxBackend().loadStreaming(BundledBytes.onnx(name), name, EngineOptions.defaults());
    }
}
