package org.deepspt.jvm;

import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.StreamingEngine;
import org.deepspt.online.StreamingModels;
import org.deepspt.testkit.StreamingEngineContract;

/** The {@code jvm} streaming engine passes the streaming-engine contract on the bundled 2D streaming model. */
class JvmStreamingEngineContractTest extends StreamingEngineContract {

    @Override
    protected StreamingEngine open() {
        String name = StreamingModels.defaultName(2);
        return new JvmBackend().loadStreaming(TestResources.model(name), name, EngineOptions.defaults());
    }
}
