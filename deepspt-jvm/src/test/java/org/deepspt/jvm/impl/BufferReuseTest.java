package org.deepspt.jvm.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deepspt.jvm.TestResources;
import org.junit.jupiter.api.Test;

/** After the first run of a shape, later runs take every activation and scratch buffer from the arena. */
class BufferReuseTest {

    @Test
    void secondRunAllocatesNoFloatBuffers() {
        Program p = ModelCompiler.compile(TestResources.model("deepspt-unet-2d"), "deepspt-unet-2d", 2,
                Kernels.conv1d());
        Arena arena = new Arena();
        int batch = 3;
        for (int length : new int[] {37, 37, 37}) {
            float[] x = new float[batch * length * 2];
            for (int i = 2; i < x.length; i++) {
                x[i] = x[i - 2] + (float) Math.sin(i);
            }
            long before = arena.allocatedFloats();
            Tensor out = p.run(Tensor.of(new int[] {batch, length, 2}, x), arena);
            out.release(arena);
            if (before > 0) {
                assertEquals(before, arena.allocatedFloats(), "floats allocated by a repeated run");
            }
        }
        assertTrue(arena.allocatedFloats() > 0);
        // A shorter length fits in the buffers of the longer one.
        long before = arena.allocatedFloats();
        Tensor out = p.run(Tensor.of(new int[] {batch, 20, 2}, new float[batch * 20 * 2]), arena);
        out.release(arena);
        assertEquals(before, arena.allocatedFloats(), "floats allocated by a shorter run");
    }
}
