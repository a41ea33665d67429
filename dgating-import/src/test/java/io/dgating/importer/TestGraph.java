package io.dgating.importer;

import ai.onnx.proto.OnnxMl;
import java.util.Random;

/** Builds small ONNX models by hand for the importer's edge cases (forms PyTorch's fixtures lack). */
final class TestGraph {

    private final OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("test");
    private final Random rnd = new Random(5);
    private int opset = 17;

    TestGraph input(String name, long... dims) {
        g.addInput(value(name, dims));
        return this;
    }

    TestGraph output(String name) {
        g.addOutput(OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE))));
        return this;
    }

    TestGraph opset(int v) {
        opset = v;
        return this;
    }

    /** A float initializer of random values in [-0.5, 0.5). */
    TestGraph random(String name, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() - 0.5f;
        }
        return floats(name, dims, v);
    }

    TestGraph floats(String name, long[] dims, float... values) {
        OnnxMl.TensorProto.Builder t =
                OnnxMl.TensorProto.newBuilder().setName(name).setDataType(OnnxMl.TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float f : values) {
            t.addFloatData(f);
        }
        g.addInitializer(t);
        return this;
    }

    TestGraph longs(String name, long... values) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder()
                .setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE)
                .addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        g.addInitializer(t);
        return this;
    }

    /**
     * Adds a node; attributes as key, value pairs ({@code Long}, {@code Float}, {@code String}, {@code long[]}).
     */
    TestGraph node(String op, String name, String[] inputs, String output, Object... attributes) {
        OnnxMl.NodeProto.Builder n =
                OnnxMl.NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String i : inputs) {
            n.addInput(i);
        }
        for (int a = 0; a < attributes.length; a += 2) {
            OnnxMl.AttributeProto.Builder at =
                    OnnxMl.AttributeProto.newBuilder().setName((String) attributes[a]);
            Object v = attributes[a + 1];
            if (v instanceof Long l) {
                at.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(l);
            } else if (v instanceof Float f) {
                at.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(f);
            } else if (v instanceof String s) {
                at.setType(OnnxMl.AttributeProto.AttributeType.STRING)
                        .setS(com.google.protobuf.ByteString.copyFromUtf8(s));
            } else {
                at.setType(OnnxMl.AttributeProto.AttributeType.INTS);
                for (long x : (long[]) v) {
                    at.addInts(x);
                }
            }
            n.addAttribute(at);
        }
        g.addNode(n);
        return this;
    }

    byte[] bytes() {
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("test")
                .addOpsetImport(
                        OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(g)
                .build()
                .toByteArray();
    }

    static String[] in(String... names) {
        return names;
    }

    private static OnnxMl.ValueInfoProto value(String name, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(
                    d < 0
                            ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                            : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE)
                                .setShape(shape)))
                .build();
    }
}
