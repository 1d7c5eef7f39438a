package org.deepspt.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceBackend;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.api.inference.InferenceException;
import org.deepspt.api.inference.ModelLoadException;
import org.junit.jupiter.api.Test;

/** The backend through the {@link InferenceBackend} seam: discovery, threads, close. */
class JvmBackendTest {
    private static final String NAME = "deepspt-unet-3d";

    @Test
    void foundByServiceLoader() {
        InferenceBackend b = ServiceLoader.load(InferenceBackend.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("jvm")).findFirst().orElseThrow();
        assertTrue(b.isAvailable());
        assertEquals(50, b.priority());
        assertEquals(150, b.streamingPriority(), "auto prefers it for streaming models, above onnx's 100");
        assertEquals("", b.unavailableReason());
    }

    @Test
    void wrongDimensionRefused() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> JvmBackend.create().load(TestResources.model(NAME), NAME, 2, EngineOptions.defaults()));
        assertTrue(e.getMessage().contains(NAME), e.getMessage());
    }

    @Test
    void sharedByThreadsAndSplitOverIntraOpThreads() throws Exception {
        byte[] model = TestResources.model(NAME);
        int batch = 5;
        int[] lengths = {1, 2, 15, 16, 17, 40};
        try (InferenceEngine one = JvmBackend.create().load(model, NAME, 3, EngineOptions.defaults());
                InferenceEngine two = JvmBackend.create().load(model, NAME, 3,
                        EngineOptions.defaults().withIntraOpThreads(2))) {
            List<float[]> inputs = new ArrayList<>();
            List<float[]> expected = new ArrayList<>();
            for (int length : lengths) {
                float[] in = walk(batch, length, length);
                float[] out = new float[batch * length * 4];
                one.run(in, batch, length, out);
                inputs.add(in);
                expected.add(out);
                float[] split = new float[out.length];
                two.run(in, batch, length, split);
                assertArrayEquals(out, split, "intra-op split, length " + length);
            }
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    futures.add(pool.submit(() -> {
                        for (int rep = 0; rep < 2; rep++) {
                            for (int k = lengths.length - 1; k >= 0; k--) {
                                float[] out = new float[batch * lengths[k] * 4];
                                one.run(inputs.get(k), batch, lengths[k], out);
                                assertArrayEquals(expected.get(k), out, "length " + lengths[k]);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void closeIsIdempotentAndLaterRunsFail() {
        InferenceEngine e = JvmBackend.create().load(TestResources.model(NAME), NAME, 3, EngineOptions.defaults());
        float[] in = walk(1, 3, 1);
        float[] out = new float[12];
        e.run(in, 1, 3, out);
        e.close();
        e.close();
        InferenceException x = assertThrows(InferenceException.class, () -> e.run(in, 1, 3, out));
        assertTrue(x.getMessage().contains("closed"), x.getMessage());
    }

    static float[] walk(int batch, int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[batch * length * 3];
        for (int b = 0; b < batch; b++) {
            for (int t = 1; t < length; t++) {
                for (int d = 0; d < 3; d++) {
                    int i = (b * length + t) * 3 + d;
                    x[i] = x[i - 3] + (float) (0.1 * r.nextGaussian());
                }
            }
        }
        return x;
    }
}
