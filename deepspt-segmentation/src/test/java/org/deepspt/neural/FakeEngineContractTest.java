package org.deepspt.neural;

import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.testkit.InferenceEngineContract;

/** The core tests' fake engine passes the same contract as the real backends' engines. */
class FakeEngineContractTest extends InferenceEngineContract {

    @Override
    protected InferenceEngine open(int dimension) {
        return new FakeEngine(dimension);
    }
}
