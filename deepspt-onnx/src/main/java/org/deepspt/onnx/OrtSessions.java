package org.deepspt.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.deepspt.api.inference.EngineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Session settings and closing shared by the ONNX Runtime engines (segmentation and streaming). */
final class OrtSessions {
    private static final Logger LOG = LoggerFactory.getLogger(OrtSessions.class);

    private OrtSessions() {
    }

    /**
     * CPU threading and optimisation of a session: {@code options.intraOpThreads()} intra-op threads that do not
     * spin-wait between operators when there are several (spinning burns the cores the caller's other threads
     * need; the measurement is in BENCHMARKS.md), one inter-op thread, every graph optimisation.
     *
     * @param so the session options to configure
     * @param options the engine options
     * @throws OrtException when ONNX Runtime refuses a setting
     */
    static void configure(OrtSession.SessionOptions so, EngineOptions options) throws OrtException {
        so.setIntraOpNumThreads(options.intraOpThreads());
        if (options.intraOpThreads() > 1) {
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
        }
        so.setInterOpNumThreads(1);
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    }

    /** Closes a session, logging (not throwing) a failure: used on paths that already report another error. */
    static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            LOG.debug("closing session failed", e);
        }
    }
}
