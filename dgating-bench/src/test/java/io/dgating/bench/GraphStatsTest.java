package io.dgating.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Multiply-add counts of hand-made graphs against hand counts. */
class GraphStatsTest {

    private static OnnxMl.TensorProto weight(String name, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder()
                .setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(new byte[(int) n * 4]));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static OnnxMl.NodeProto node(String op, String out, String... in) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder()
                .setOpType(op)
                .setName(out + "_node")
                .addOutput(out);
        for (String i : in) {
            n.addInput(i);
        }
        return n.build();
    }

    private static byte[] model(OnnxMl.GraphProto.Builder g) {
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setGraph(g)
                .build()
                .toByteArray();
    }

    @Test
    void countsGemmAndMatMulPerRow() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
                .addInitializer(weight("w1", 4, 10))
                .addInitializer(weight("b1", 4)) // Gemm 10 -> 4, transB
                .addInitializer(weight("w2", 4, 3)) // MatMul 4 -> 3
                .addNode(node("Gemm", "h", "x", "w1", "b1"))
                .addNode(node("Relu", "r", "h"))
                .addNode(node("MatMul", "y", "r", "w2"));
        GraphStats s = GraphStats.of(model(g));
        assertEquals(10 * 4 + 4 * 3, s.macsPerRow());
        assertEquals(40 + 4 + 12, s.parameters());
        assertEquals(Set.of(), s.uncounted(), "Relu is known to do no contraction");
    }

    @Test
    void anOperatorItDoesNotKnowIsListedNotCountedAsFree() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
                .addInitializer(weight("w", 3, 4))
                .addNode(node("MatMul", "h", "x", "w"))
                .addNode(node("Einsum", "e", "h", "h"))
                .addNode(node("Relu", "y", "e"));
        GraphStats s = GraphStats.of(model(g));
        assertEquals(12, s.macsPerRow(), "the MatMul is still counted");
        assertEquals(Set.of("Einsum"), s.uncounted());
    }

    @Test
    void countsConvFromTheOutputShape() {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (long d : new long[] {8, 6, 6}) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
                .addInitializer(weight("k", 8, 3, 3, 3))
                .addNode(node("Conv", "c", "img", "k"))
                .addValueInfo(OnnxMl.ValueInfoProto.newBuilder()
                        .setName("c")
                        .setType(OnnxMl.TypeProto.newBuilder()
                                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                        .setElemType(1)
                                        .setShape(shape))));
        // 8 filters x 3 channels x 3 x 3 kernel at 6 x 6 output positions
        assertEquals(8L * 3 * 3 * 3 * 36, GraphStats.of(model(g)).macsPerRow());
    }

    @Test
    void refusesWhatItCannotCount() {
        OnnxMl.GraphProto.Builder dynamic = OnnxMl.GraphProto.newBuilder().addNode(node("MatMul", "y", "x", "w"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GraphStats.of(model(dynamic)))
                .getMessage()
                .contains("not an initializer"));
        OnnxMl.GraphProto.Builder conv = OnnxMl.GraphProto.newBuilder()
                .addInitializer(weight("k", 2, 1, 3, 3))
                .addNode(node("Conv", "c", "img", "k"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GraphStats.of(model(conv)))
                .getMessage()
                .contains("output shape unknown"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GraphStats.of(new byte[] {1, 2, 3, 4, 5}))
                .getMessage()
                .startsWith("not an ONNX model"));
    }

    @Test
    void percentilesAreNearestRank() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = (100 - i) * 1_000_000L; // 100 ms .. 1 ms, unsorted
        }
        LatencyStats s = LatencyStats.of(32, 2, ms);
        assertEquals(50.0, s.medianMs());
        assertEquals(90.0, s.p90Ms());
        assertEquals(99.0, s.p99Ms());
        assertEquals(50.5, s.meanMs(), 1e-9);
        assertEquals(32 / 0.050, s.throughput(), 1e-9);
    }
}
