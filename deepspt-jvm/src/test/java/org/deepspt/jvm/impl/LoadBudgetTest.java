package org.deepspt.jvm.impl;

import static org.deepspt.jvm.testing.OnnxProtos.i;
import static org.deepspt.jvm.testing.OnnxProtos.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.api.inference.OnnxModelRules;
import org.deepspt.jvm.impl.onnx.GraphProto;
import org.deepspt.jvm.impl.onnx.ModelProto;
import org.deepspt.jvm.impl.onnx.TensorProto;
import org.deepspt.jvm.testing.OnnxProtos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The load-time memory budget of the jvm engine: a tensor whose shape claims more than its data holds is
 * refused before its array exists, and so is a constant that folding would make larger than the budget
 * (here a ConstantOfShape whose shape comes out of a Concat of constants); each message names the tensor or node.
 * The budget is raised with the system property. Since 2026-12-07 the shared rules read such a Concat shape too, so
 * a model file is refused by them first (for both backends: ONNX Runtime allocated it on every run); the jvm
 * engine's own folding check still guards the protobuf path without the rules.
 */
class LoadBudgetTest {

    @AfterEach
    void resetBudget() {
        System.clearProperty(OnnxModelRules.BUDGET_PROPERTY);
    }

    /** The small valid model plus a ConstantOfShape of shape Concat([n], [n]) added to nothing. */
    private static ModelProto withFoldedFill(long n) {
        ModelProto base = LoadRefusalTest.model(17, x -> x);
        GraphProto.Builder g = base.getGraph().toBuilder()
                .addInitializer(OnnxProtos.longs("rows", new long[] {1}, n))
                .addInitializer(OnnxProtos.longs("cols", new long[] {1}, n))
                .addNode(node("Concat", "shape_of_fill", new String[] {"rows", "cols"}, new String[] {"fill_shape"},
                        i("axis", 0)))
                .addNode(node("ConstantOfShape", "fill", new String[] {"fill_shape"}, new String[] {"filled"}));
        return base.toBuilder().setGraph(g).build();
    }

    /** Refused on the protobuf path without the shared rules: the jvm engine's folding check. */
    private static ModelLoadException refused(ModelProto m) {
        return assertThrows(ModelLoadException.class, () -> ModelCompiler.compile(m, "tiny", 2, Kernels.conv1d()));
    }

    /** Refused on the file path, by the shared rules that both backends run. */
    private static ModelLoadException refusedByRules(ModelProto m) {
        return assertThrows(ModelLoadException.class,
                () -> ModelCompiler.compile(m.toByteArray(), "tiny", 2, Kernels.conv1d()));
    }

    @Test
    void foldingACOnstantLargerThanTheBudgetIsRefusedBeforeAllocating() {
        // 46000² floats = 7.9 GiB: an OutOfMemoryError at -Xmx1g before the budget existed.
        ModelLoadException e = refused(withFoldedFill(46_000));
        assertTrue(e.getMessage().startsWith("model 'tiny': node 'fill' (ConstantOfShape): folding it at load time "
                + "needs 7.9 GiB more, beyond the model's memory budget of 512 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("-Ddeepspt.model.budget="), e.getMessage());
        ModelLoadException rules = refusedByRules(withFoldedFill(46_000));
        assertTrue(rules.getMessage().startsWith("model 'tiny': node 'fill' (ConstantOfShape): its output of shape "
                + "[46000, 46000] (2116000000 elements) exceeds the model's memory budget of 512 MiB"),
                rules.getMessage());
    }

    @Test
    void theBudgetIsASystemProperty() {
        // 1000² floats = 3.8 MiB: within the default, beyond a budget of 1 MiB.
        ModelCompiler.compile(withFoldedFill(1000).toByteArray(), "tiny", 2, Kernels.conv1d());
        System.setProperty(OnnxModelRules.BUDGET_PROPERTY, "1m");
        assertTrue(refusedByRules(withFoldedFill(1000)).getMessage().contains("[1000, 1000] (1000000 elements) "
                + "exceeds the model's memory budget of 1 MiB"));
        ModelLoadException e = refused(withFoldedFill(1000));
        assertTrue(e.getMessage().contains("node 'fill' (ConstantOfShape): folding it at load time needs 3.8 MiB "
                + "more, beyond the model's memory budget of 1 MiB"), e.getMessage());
        System.setProperty(OnnxModelRules.BUDGET_PROPERTY, "lots");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, OnnxModelRules::budgetBytes);
        assertEquals("-Ddeepspt.model.budget=lots is not a positive size (bytes, or a number followed by k, m or g)",
                bad.getMessage());
    }

    @Test
    void theDecoderChecksTheDataBeforeTheArray() {
        // The protobuf path without the shared rules (ModelCompiler.compile(ModelProto, ...)), as a library caller
        // may use it: 46340² declared floats with 4 bytes of data are refused by the data check.
        ModelProto base = LoadRefusalTest.model(17, x -> x);
        ModelProto m = base.toBuilder().setGraph(base.getGraph().toBuilder().addInitializer(TensorProto.newBuilder()
                .setName("huge").setDataType(1).addDims(46340).addDims(46340)
                .setRawData(ByteString.copyFrom(new byte[4])))).build();
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelCompiler.compile(m, "tiny", 2, Kernels.conv1d()));
        assertEquals("model 'tiny': initializer 'huge': tensor 'huge' holds 4 values/bytes, its shape needs "
                + "8589582400", e.getMessage());
    }

    @Test
    void aTensorWithinItsDataButBeyondTheBudgetIsRefused() {
        System.setProperty(OnnxModelRules.BUDGET_PROPERTY, "1k");
        ModelProto base = LoadRefusalTest.model(17, x -> x);
        ModelProto m = base.toBuilder().setGraph(base.getGraph().toBuilder().addInitializer(TensorProto.newBuilder()
                .setName("big").setDataType(1).addDims(512).setRawData(ByteString.copyFrom(new byte[2048]))))
                .build();
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelCompiler.compile(m, "tiny", 2, Kernels.conv1d()));
        assertTrue(e.getMessage().startsWith("model 'tiny': initializer 'big': needs 2 KiB more, beyond the "
                + "model's memory budget of 1 KiB"), e.getMessage());
    }
}
