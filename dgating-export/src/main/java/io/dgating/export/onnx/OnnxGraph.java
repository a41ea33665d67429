package io.dgating.export.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import io.dgating.api.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Single-use builder of one ONNX graph. Dimensions given as {@link #BATCH} become the
 * symbolic dimension {@code N}. Node and value names are made unique with a counter.
 */
public final class OnnxGraph {

    /** A dimension whose size is given at run time (the batch). */
    public static final long BATCH = -1;

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private int counter;
    private boolean built;

    /**
     * Starts a graph.
     *
     * @param name the graph's name
     */
    public OnnxGraph(String name) {
        graph.setName(name);
    }

    /**
     * Declares a float32 graph input.
     *
     * @param name input name
     * @param dims dimensions ({@link #BATCH} for the batch)
     * @return its ref
     */
    public ValueRef input(String name, long... dims) {
        graph.addInput(valueInfo(claim(name), OnnxMl.TensorProto.DataType.FLOAT, dims));
        return new ValueRef(this, name);
    }

    /**
     * Declares a graph input of strings.
     *
     * @param name the input's name
     * @param dims its dimensions ({@link #BATCH} for the batch)
     * @return a reference to it
     */
    public ValueRef stringInput(String name, long... dims) {
        graph.addInput(valueInfo(claim(name), OnnxMl.TensorProto.DataType.STRING, dims));
        return new ValueRef(this, name);
    }

    /**
     * Adds a float32 initializer, stored little-endian in {@code raw_data}.
     *
     * @param name base name
     * @param values the values
     * @param dims dimensions
     * @return its ref
     */
    public ValueRef initializer(String name, float[] values, long... dims) {
        checkSize(name, values.length, dims);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        return tensor(name, OnnxMl.TensorProto.DataType.FLOAT, buf.array(), dims);
    }

    /**
     * Adds an int64 initializer (indices, shapes).
     *
     * @param name base name
     * @param values the values
     * @param dims dimensions
     * @return its ref
     */
    public ValueRef initializerInt64(String name, long[] values, long... dims) {
        checkSize(name, values.length, dims);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            buf.putLong(v);
        }
        return tensor(name, OnnxMl.TensorProto.DataType.INT64, buf.array(), dims);
    }

    /**
     * Adds a float32 scalar constant.
     *
     * @param name base name
     * @param value the value
     * @return its ref
     */
    public ValueRef scalar(String name, float value) {
        return initializer(name, new float[] {value});
    }

    /**
     * Declares {@code ref} a graph output under {@code name}.
     *
     * @param ref the value
     * @param name output name
     * @param dims dimensions ({@link #BATCH} for the batch)
     */
    public void output(ValueRef ref, String name, long... dims) {
        own(ref);
        ValueRef out = ref;
        if (!ref.name().equals(name)) {
            claim(name);
            graph.addNode(OnnxMl.NodeProto.newBuilder()
                    .setOpType("Identity")
                    .setName(claim(unique("Identity")))
                    .addInput(ref.name())
                    .addOutput(name));
            out = new ValueRef(this, name);
        }
        graph.addOutput(valueInfo(out.name(), dims));
    }

    /**
     * Returns the finished graph; the builder cannot be used afterwards.
     *
     * @return the graph
     */
    /**
     * Records the shape of an intermediate value ({@code value_info}), which shape inference and
     * {@code GraphStats} read.
     *
     * @param ref the value
     * @param dims its dimensions, {@link #BATCH} for the batch
     */
    public void shape(ValueRef ref, long... dims) {
        own(ref);
        graph.addValueInfo(valueInfo(ref.name(), dims));
    }

    /**
     * Returns the dimensions of a batch of examples: {@link #BATCH}, then the example's.
     *
     * @param example one example's shape
     * @return {@code [N, ...]}
     */
    public static long[] batchOf(Shape example) {
        long[] dims = new long[example.rank() + 1];
        dims[0] = BATCH;
        for (int i = 0; i < example.rank(); i++) {
            dims[i + 1] = example.dim(i);
        }
        return dims;
    }

    /**
     * Finishes the graph; the context accepts no nodes after this.
     *
     * @return the graph with its nodes, initializers, inputs, outputs and value shapes
     * @throws IllegalStateException if it was built already
     */
    public OnnxMl.GraphProto build() {
        if (built) {
            throw new IllegalStateException("graph already built");
        }
        built = true;
        return graph.build();
    }

    ValueRef node(Op op, List<ValueRef> inputs, Map<String, Object> attrs) {
        op.validate(inputs.size(), attrs);
        OnnxMl.NodeProto.Builder node =
                OnnxMl.NodeProto.newBuilder().setOpType(op.type()).setName(claim(unique(op.type())));
        if (!op.domain().isEmpty()) {
            // only then: an explicitly empty domain is a present field and changes the node's bytes
            node.setDomain(op.domain());
        }
        for (ValueRef in : inputs) {
            own(in);
            node.addInput(in.name());
        }
        String out = unique(op.type().toLowerCase(Locale.ROOT));
        claim(out);
        node.addOutput(out);
        for (Map.Entry<String, Object> e : new TreeMap<>(attrs).entrySet()) {
            OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(e.getKey());
            op.attribute(e.getKey()).write(a, e.getValue());
            node.addAttribute(a);
        }
        graph.addNode(node);
        return new ValueRef(this, out);
    }

    private ValueRef tensor(String base, OnnxMl.TensorProto.DataType type, byte[] raw, long... dims) {
        String name = unique(base);
        claim(name);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder()
                .setName(name)
                .setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return new ValueRef(this, name);
    }

    private void own(ValueRef ref) {
        if (ref.graph() != this) {
            throw new IllegalArgumentException("value '" + ref.name() + "' belongs to another graph");
        }
    }

    private String unique(String base) {
        String name = base;
        while (names.contains(name)) {
            name = base + "_" + ++counter;
        }
        return name;
    }

    private String claim(String name) {
        if (built) {
            throw new IllegalStateException("graph already built");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("name '" + name + "' is already used in this graph");
        }
        return name;
    }

    private static void checkSize(String name, int count, long... dims) {
        long size = 1;
        for (long d : dims) {
            size *= d;
        }
        if (size != count) {
            throw new IllegalArgumentException(
                    "initializer '" + name + "' has " + count + " values for dims " + Arrays.toString(dims));
        }
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, long... dims) {
        return valueInfo(name, OnnxMl.TensorProto.DataType.FLOAT, dims);
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorProto.DataType type, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(
                    d == BATCH
                            ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                            : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                .setElemType(type.getNumber())
                                .setShape(shape)))
                .build();
    }
}
