package io.dgating.importer;

import static io.dgating.importer.TestGraph.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.engine.EngineConfig;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Multiply;
import io.dgating.api.model.Pool2d;
import io.dgating.engine.cpu.CpuEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graph forms other exporters write (MatMul + Add, Pad before a convolution or pool, Reshape to
 * rows, Gemm with alpha and an untransposed B, an input scaled by Mul and shifted by Add), checked
 * against ONNX Runtime; and the forms the importer refuses, each with the node named.
 */
class GraphFormsIT {

    @Test
    void matMulPlusAddIsADenseLayerAndInputArithmeticIsItsNormalisation() throws Exception {
        byte[] model = new TestGraph()
                .input("x", -1, 5)
                .output("y")
                .floats("half", new long[] {1}, 0.5f)
                .floats("shift", new long[] {5}, 1, 2, 3, 4, 5)
                .random("w1", 5, 7)
                .random("b1", 7)
                .random("w2", 7, 3)
                .random("b2", 3)
                .node("Mul", "scale", in("x", "half"), "xs")
                .node("Add", "shift", in("xs", "shift"), "xn")
                .node("MatMul", "mm1", in("xn", "w1"), "h")
                .node("Add", "bias1", in("h", "b1"), "hb")
                .node("Relu", "relu", in("hb"), "hr")
                .node("Identity", "id", in("hr"), "hi")
                .node("MatMul", "mm2", in("hi", "w2"), "o")
                .node("Add", "bias2", in("o", "b2"), "y")
                .bytes();
        OnnxModel m = OnnxModel.of(model, "matmul");
        assertEquals(2, m.model().layers().size());
        assertEquals(Activation.RELU, ((Dense) m.model().layers().get(0)).activation());
        assertTrue(((Dense) m.model().layers().get(1)).bias());
        assertFalse(m.inputNormalization().mean()[0] == 0, "Mul and Add became the input normalisation");
        assertMatches(m, 9);
    }

    @Test
    void padBeforeConvAndAveragePoolReshapeAndGemmWithAlpha() throws Exception {
        byte[] model = new TestGraph()
                .input("img", -1, 2, 6, 6)
                .output("y")
                .longs("pads", 0, 0, 1, 1, 0, 0, 1, 1)
                .longs("rows", 0, -1)
                .random("k", 3, 2, 3, 3)
                .random("kb", 3)
                .random("w", 3 * 4 * 4, 4)
                .random("b", 4)
                .node("Pad", "pad1", in("img", "pads"), "p1")
                .node("Conv", "conv", in("p1", "k", "kb"), "c", "kernel_shape", new long[] {3, 3}, "pads", new long[] {
                    0, 0, 0, 0
                })
                .node("Sigmoid", "sig", in("c"), "s")
                .node("Pad", "pad2", in("s", "pads"), "p2")
                .node("AveragePool", "avg", in("p2"), "a", "kernel_shape", new long[] {2, 2}, "strides", new long[] {
                    2, 2
                })
                .node("Reshape", "rows", in("a", "rows"), "r")
                .node("Gemm", "fc", in("r", "w", "b"), "y", "alpha", 2.0f)
                .bytes();
        OnnxModel m = OnnxModel.of(model, "pads");
        Conv2d conv = (Conv2d) m.model().layers().get(0);
        assertEquals(1, conv.padding(), "the Pad node became the convolution's padding");
        Pool2d pool = (Pool2d) m.model().layers().stream()
                .filter(l -> l instanceof Pool2d)
                .findFirst()
                .orElseThrow();
        assertEquals(1, pool.padding());
        assertMatches(m, 5);
    }

    @Test
    void everyUnsupportedNodeIsNamedAtOnce() {
        byte[] model = new TestGraph()
                .input("x", -1, 4)
                .output("y")
                .random("w", 4, 4)
                .node("Transpose", "t1", in("x"), "xt")
                .node("Abs", "abs1", in("xt"), "xa")
                .node("MatMul", "mm", in("xa", "w"), "y")
                .bytes();
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> OnnxModel.of(model, "two"));
        assertEquals(2, e.nodes().size(), e.getMessage());
        assertTrue(e.getMessage().contains("Transpose 't1'") && e.getMessage().contains("Abs 'abs1'"), e.getMessage());
    }

    @Test
    void structuralLimitsNameTheNodeAndSayWhy() {
        String[][] cases = {
            {"Conv 'c'", "only equal padding"},
            {"Conv 'c'", "grouped"},
            {"MaxPool 'mp'", "after a zero Pad"},
            {"Softmax 'sm'", "inside the graph"},
        };
        byte[][] models = {
            new TestGraph()
                    .input("x", -1, 2, 6, 6)
                    .output("y")
                    .random("k", 2, 2, 3, 3)
                    .random("w", 2 * 4 * 4, 3)
                    .node("Conv", "c", in("x", "k"), "c1", "pads", new long[] {0, 1, 0, 1})
                    .node("Flatten", "f", in("c1"), "f1")
                    .node("Gemm", "g", in("f1", "w"), "y")
                    .bytes(),
            new TestGraph()
                    .input("x", -1, 2, 6, 6)
                    .output("y")
                    .random("k", 2, 1, 3, 3)
                    .random("w", 2 * 4 * 4, 3)
                    .node("Conv", "c", in("x", "k"), "c1", "group", 2L)
                    .node("Flatten", "f", in("c1"), "f1")
                    .node("Gemm", "g", in("f1", "w"), "y")
                    .bytes(),
            new TestGraph()
                    .input("x", -1, 2, 6, 6)
                    .output("y")
                    .longs("pads", 0, 0, 1, 1, 0, 0, 1, 1)
                    .random("w", 2 * 4 * 4, 3)
                    .node("Pad", "p", in("x", "pads"), "p1")
                    .node("MaxPool", "mp", in("p1"), "m", "kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2
                    })
                    .node("Flatten", "f", in("m"), "f1")
                    .node("Gemm", "g", in("f1", "w"), "y")
                    .bytes(),
            new TestGraph()
                    .input("x", -1, 4)
                    .output("y")
                    .random("w", 4, 4)
                    .random("w2", 4, 2)
                    .node("MatMul", "m1", in("x", "w"), "h")
                    .node("Softmax", "sm", in("h"), "s", "axis", 1L)
                    .node("MatMul", "m2", in("s", "w2"), "y")
                    .bytes(),
        };
        for (int i = 0; i < cases.length; i++) {
            byte[] bytes = models[i];
            UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> OnnxModel.of(bytes, "m"));
            assertTrue(e.getMessage().contains(cases[i][0]) && e.getMessage().contains(cases[i][1]), e.getMessage());
        }
    }

    @Test
    void theLstmFixtureIsRefusedNamingItsNode() {
        UnsupportedModelException e = assertThrows(
                UnsupportedModelException.class,
                () -> OnnxModel.read(OnnxImportIT.FIXTURES.resolve("lstm-unsupported.onnx")));
        assertTrue(e.nodes().stream().anyMatch(n -> n.startsWith("LSTM '/lstm/LSTM'")), e.getMessage());
    }

    @Test
    void aFileThatIsNotOnnxIsNamed(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("model.onnx"), "not a model");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxModel.read(f));
        assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> OnnxModel.read(dir.resolve("nope.onnx")));
        assertTrue(missing.getMessage().contains("nope.onnx: file not found"), missing.getMessage());
    }

    @Test
    void aProductOfTwoComputedValuesIsAMultiplyWhicheverWayRoundTheGraphWritesIt() throws Exception {
        for (boolean gatesFirst : new boolean[] {true, false}) {
            // squeeze-excitation: a convolution's channels times sigmoid(1x1 conv of their means)
            byte[] model = new TestGraph()
                    .input("img", -1, 2, 6, 6)
                    .output("y")
                    .random("k", 3, 2, 3, 3)
                    .random("kb", 3)
                    .random("s", 3, 3, 1, 1)
                    .random("sb", 3)
                    .random("w", 3 * 6 * 6, 4)
                    .random("b", 4)
                    .node(
                            "Conv",
                            "conv",
                            in("img", "k", "kb"),
                            "c",
                            "kernel_shape",
                            new long[] {3, 3},
                            "pads",
                            new long[] {1, 1, 1, 1})
                    .node("GlobalAveragePool", "squeeze", in("c"), "g")
                    .node("Conv", "se", in("g", "s", "sb"), "e", "kernel_shape", new long[] {1, 1})
                    .node("Sigmoid", "gate", in("e"), "ge")
                    .node("Mul", "excite", gatesFirst ? in("ge", "c") : in("c", "ge"), "x")
                    .node("Flatten", "flat", in("x"), "f")
                    .node("Gemm", "fc", in("f", "w", "b"), "y")
                    .bytes();
            OnnxModel m = OnnxModel.of(model, "se");
            assertTrue(
                    m.model().layers().stream().anyMatch(l -> l instanceof Multiply),
                    m.model().toString());
            assertMatches(m, 7);
        }
        byte[] twoImages = new TestGraph()
                .input("x", -1, 4)
                .output("y")
                .random("w1", 4, 3)
                .random("w2", 4, 2)
                .node("MatMul", "a", in("x", "w1"), "h")
                .node("MatMul", "b", in("x", "w2"), "h2")
                .node("Mul", "mix", in("h", "h2"), "y")
                .bytes();
        assertTrue(assertThrows(UnsupportedModelException.class, () -> OnnxModel.of(twoImages, "mix"))
                .getMessage()
                .contains("mix"));
    }

    private static void assertMatches(OnnxModel m, int rows) throws Exception {
        float[] raw = OnnxImportIT.rawInputs(m.model().inputShape(), rows, true);
        float[] original = OnnxImportIT.ort(m.bytes(), m.input(), raw, rows);
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            float[] ours = engine.predict(
                    m.model(), m.weights(), OnnxImportIT.normalized(m.inputNormalization(), raw, rows), rows);
            OnnxImportIT.assertClose(original, ours, m.source());
        }
    }
}
