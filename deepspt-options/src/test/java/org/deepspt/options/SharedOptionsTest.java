package org.deepspt.options;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SharedOptionsTest {

    @Test
    void pixelSizeAndFrameIntervalMustBeFiniteAndPositive() {
        assertDoesNotThrow(() -> SharedOptions.checkPixelSize(null));
        assertDoesNotThrow(() -> SharedOptions.checkPixelSize(0.108));
        assertDoesNotThrow(() -> SharedOptions.checkFrameInterval(null));
        assertDoesNotThrow(() -> SharedOptions.checkFrameInterval(0.03));
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals("--pixel-size must be finite and > 0 µm/px, got " + bad,
                    assertThrows(OptionUsageException.class, () -> SharedOptions.checkPixelSize(bad)).getMessage());
            assertEquals("--frame-interval must be finite and > 0 s, got " + bad,
                    assertThrows(OptionUsageException.class, () -> SharedOptions.checkFrameInterval(bad)).getMessage());
        }
    }

    @Test
    void backendAndDeviceAreCaseInsensitiveAndLowerCased() {
        List<String> choices = List.of("auto", "onnx", "jvm");
        assertEquals("jvm", SharedOptions.backend("JVM", choices));
        assertEquals("auto", SharedOptions.backend("auto", choices));
        assertEquals("--backend must be one of [auto, onnx, jvm], got 'Tpu'",
                assertThrows(OptionUsageException.class, () -> SharedOptions.backend("Tpu", choices)).getMessage());
        assertEquals("cuda", SharedOptions.device("CUDA"));
        assertEquals("cpu", SharedOptions.device("Cpu"));
        assertEquals("--device must be CPU or CUDA, got 'gpu'",
                assertThrows(OptionUsageException.class, () -> SharedOptions.device("gpu")).getMessage());
    }

    @Test
    void anUnknownModelIsAUsageErrorNamingTheOptionAndKeepingTheCause() {
        OptionUsageException checked = assertThrows(OptionUsageException.class,
                () -> SharedOptions.checkModel("no-such-model"));
        assertTrue(checked.getMessage().startsWith("unknown --model 'no-such-model'; use one of "), checked.getMessage());
        assertTrue(checked.getMessage().endsWith(" or the path of a *.manifest.json"), checked.getMessage());
        assertInstanceOf(IllegalArgumentException.class, checked.getCause());
        OptionUsageException resolved = assertThrows(OptionUsageException.class,
                () -> SharedOptions.model("no-such-model"));
        assertEquals(checked.getMessage(), resolved.getMessage());
    }
}
