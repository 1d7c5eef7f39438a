package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.api.inference.OnnxModelRules;
import org.deepspt.jvm.JvmBackend;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of the corpus's valid model (flipped bytes, cut files, forged lengths): the shared rules and
 * the jvm engine either load the file or refuse it with a {@link ModelLoadException}; never another exception,
 * an allocation of what a forged length claims, or a hang.
 */
class HostileModelFuzzTest {
    private static final int CASES = 3000;

    @Test
    void mutatedModelsAreLoadedOrRefusedWithAModelLoadException() {
        byte[] valid = HostileModels.base().build().toByteArray();
        SplittableRandom rnd = new SplittableRandom(20261206);
        JvmBackend jvm = JvmBackend.create();
        int[] refused = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int c = 0; c < CASES; c++) {
                byte[] b = mutate(valid, rnd);
                try {
                    OnnxModelRules.check(b, "fuzz");
                    try (InferenceEngine e = jvm.load(b, "fuzz", 2, EngineOptions.defaults())) {
                        float[] out = new float[4 * 5];
                        e.run(new float[2 * 5], 1, 5, out);
                    }
                } catch (ModelLoadException e) {
                    refused[0]++;
                    assertTrue(e.getMessage().startsWith("model 'fuzz'"), e.getMessage());
                    assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
                } catch (RuntimeException | Error e) {
                    fail("case " + c + " (" + Arrays.toString(Arrays.copyOf(b, Math.min(b.length, 64)))
                            + "...): " + e, e);
                }
            }
        });
        // Most mutations must be refused, some must load: the test exercises both paths.
        assertTrue(refused[0] > CASES / 2 && refused[0] < CASES, refused[0] + " of " + CASES + " refused");
    }

    private static byte[] mutate(byte[] valid, SplittableRandom rnd) {
        byte[] b = valid.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> {
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
            case 2 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            default -> {
                // a forged length: 0xFF... varint bytes at a random place
                int at = rnd.nextInt(b.length - 5);
                for (int i = 0; i < 4; i++) {
                    b[at + i] = (byte) 0xFF;
                }
                b[at + 4] = 0x07;
            }
        }
        return b;
    }
}
