package io.dgating.bench;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Static cost of an ONNX graph per input row: multiply-adds of the contractions {@code Gemm},
 * {@code MatMul} and {@code Conv} (the operators that dominate dense, convolutional and attention
 * networks), float parameters in initializers, and the file size.
 *
 * <p>Gemm and MatMul count {@code K * N} per row from the weight initializer's shape (a MatMul of two
 * activations, as in attention, counts every output value's dot product). Conv counts
 * {@code M * C/group * kh * kw * H_out * W_out} per image, which needs the output shape in the
 * graph's {@code value_info} (or outputs). Every other operator must be one known to do no
 * contraction ({@link #NO_MULTIPLY_ADDS}: element-wise arithmetic, normalisation, pooling, data
 * movement); an operator that is neither is listed in {@code uncounted} instead of silently costing
 * nothing.
 *
 * @param macsPerRow multiply-adds per input row (image)
 * @param parameters float parameters in initializers
 * @param bytes file size
 * @param uncounted operator types in the graph whose multiply-adds are not counted (empty when the count is complete)
 */
public record GraphStats(long macsPerRow, long parameters, long bytes, Set<String> uncounted) {

    /** Operators that do no contraction: their work is element-wise or moves data, and counts zero multiply-adds. */
    public static final Set<String> NO_MULTIPLY_ADDS = Set.of(
            "Add",
            "Sub",
            "Mul",
            "Div",
            "Neg",
            "Abs",
            "Sqrt",
            "Pow",
            "Exp",
            "Log",
            "Erf",
            "Max",
            "Min",
            "Clip",
            "Relu",
            "Tanh",
            "Sigmoid",
            "Gelu",
            "HardSigmoid",
            "HardSwish",
            "LeakyRelu",
            "Softmax",
            "LogSoftmax",
            "BatchNormalization",
            "LayerNormalization",
            "ReduceMean",
            "MaxPool",
            "AveragePool",
            "GlobalAveragePool",
            "Identity",
            "Dropout",
            "Constant",
            "ConstantOfShape",
            "Cast",
            "Shape",
            "Reshape",
            "Flatten",
            "Transpose",
            "Squeeze",
            "Unsqueeze",
            "Concat",
            "Split",
            "Slice",
            "Gather",
            "Expand",
            "Pad",
            "Where",
            "Equal",
            "Range",
            "Trilu",
            "OneHotEncoder",
            "ArrayFeatureExtractor",
            "ZipMap");

    /**
     * Copies the set.
     *
     * @param macsPerRow multiply-adds per input row (image)
     * @param parameters float parameters in initializers
     * @param bytes file size
     * @param uncounted operator types whose multiply-adds are not counted
     */
    public GraphStats {
        uncounted = Set.copyOf(new TreeSet<>(uncounted));
    }

    /**
     * Reads the statistics of a model.
     *
     * @param model ONNX bytes
     * @return its statistics
     * @throws IllegalArgumentException if the bytes are not ONNX or a counted operator's weight is not an initializer
     */
    public static GraphStats of(byte[] model) {
        OnnxMl.ModelProto proto;
        try {
            proto = OnnxMl.ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
        }
        if (!proto.hasGraph()) {
            throw new IllegalArgumentException("not an ONNX model: it has no graph");
        }
        OnnxMl.GraphProto g = proto.getGraph();
        Map<String, List<Long>> init = new HashMap<>();
        long params = 0;
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            init.put(t.getName(), t.getDimsList());
            if (t.getDataType() == OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
                long n = 1;
                for (long d : t.getDimsList()) {
                    n *= d;
                }
                params += n;
            }
        }
        Map<String, List<OnnxMl.TensorShapeProto.Dimension>> shapes = new HashMap<>();
        for (OnnxMl.ValueInfoProto v : concat(g.getValueInfoList(), g.getOutputList())) {
            shapes.put(v.getName(), v.getType().getTensorType().getShape().getDimList());
        }
        long macs = 0;
        Set<String> uncounted = new TreeSet<>();
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            switch (n.getOpType()) {
                case "Gemm" -> {
                    // K * N whichever way B is stored ([N, K] with transB, [K, N] without)
                    List<Long> w = weight(n, init);
                    if (w.size() != 2) {
                        throw new IllegalArgumentException("Gemm " + n.getName() + " has a weight of rank " + w.size());
                    }
                    macs += w.get(0) * w.get(1);
                }
                case "MatMul" -> {
                    // per example: every output value (batch axis excluded) is a dot product over the inner axis,
                    // also between two activations (attention's scores and mixing)
                    List<OnnxMl.TensorShapeProto.Dimension> out = shapes.get(n.getOutput(0));
                    List<OnnxMl.TensorShapeProto.Dimension> a = shapes.get(n.getInput(0));
                    if (out != null
                            && known(out, 1)
                            && (init.containsKey(n.getInput(1)) || (a != null && known(a, 1)))) {
                        List<Long> w = init.get(n.getInput(1));
                        long inner = w != null
                                ? w.get(w.size() - 2)
                                : a.get(a.size() - 1).getDimValue();
                        long values = 1;
                        for (int i = 1; i < out.size(); i++) {
                            values *= out.get(i).getDimValue();
                        }
                        macs += values * inner;
                    } else {
                        List<Long> w = weight(n, init);
                        macs += w.get(w.size() - 2) * w.get(w.size() - 1);
                    }
                }
                case "Conv" -> {
                    List<Long> w = weight(n, init);
                    List<OnnxMl.TensorShapeProto.Dimension> out = shapes.get(n.getOutput(0));
                    if (out == null || out.size() < 3) {
                        throw new IllegalArgumentException(
                                "Conv " + n.getName() + ": output shape unknown; add value_info");
                    }
                    long spatial = 1;
                    for (int i = 2; i < out.size(); i++) {
                        if (!out.get(i).hasDimValue()) {
                            throw new IllegalArgumentException(
                                    "Conv " + n.getName() + ": symbolic spatial output size");
                        }
                        spatial *= out.get(i).getDimValue();
                    }
                    long kernel = 1;
                    for (long d : w) {
                        kernel *= d; // M * C/group * kh * kw
                    }
                    macs += kernel * spatial;
                }
                default -> {
                    if (!NO_MULTIPLY_ADDS.contains(n.getOpType())) {
                        uncounted.add(n.getOpType());
                    }
                }
            }
        }
        return new GraphStats(macs, params, model.length, uncounted);
    }

    /**
     * What {@code dgating inspect} shows of a model.
     *
     * @param producer producer name and version
     * @param opset default-domain opset
     * @param inputs input name to dimensions ({@code N} for symbolic ones)
     * @param outputs output name to dimensions
     * @param initializers initializer name to dimensions, in graph order
     * @param operators op type to count
     * @param metadata custom metadata properties
     * @param stats multiply-adds, parameters, size
     */
    public record Description(
            String producer,
            long opset,
            Map<String, String> inputs,
            Map<String, String> outputs,
            Map<String, String> initializers,
            Map<String, Integer> operators,
            Map<String, String> metadata,
            GraphStats stats) {}

    /**
     * Describes a model.
     *
     * @param model ONNX bytes
     * @return its description
     * @throws IllegalArgumentException if the bytes are not ONNX
     */
    public static Description describe(byte[] model) {
        GraphStats stats = of(model);
        OnnxMl.ModelProto proto;
        try {
            proto = OnnxMl.ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
        }
        OnnxMl.GraphProto g = proto.getGraph();
        Map<String, String> inputs = new LinkedHashMap<>();
        g.getInputList().forEach(v -> inputs.put(v.getName(), dims(v)));
        Map<String, String> outputs = new LinkedHashMap<>();
        g.getOutputList().forEach(v -> outputs.put(v.getName(), dims(v)));
        Map<String, String> inits = new LinkedHashMap<>();
        g.getInitializerList()
                .forEach(t -> inits.put(t.getName(), t.getDimsList().toString()));
        Map<String, Integer> ops = new TreeMap<>();
        g.getNodeList().forEach(n -> ops.merge(n.getOpType(), 1, Integer::sum));
        Map<String, String> meta = new TreeMap<>();
        proto.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
        long opset = proto.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty())
                .mapToLong(OnnxMl.OperatorSetIdProto::getVersion)
                .findFirst()
                .orElse(-1);
        return new Description(
                proto.getProducerName() + " " + proto.getProducerVersion(),
                opset,
                inputs,
                outputs,
                inits,
                ops,
                meta,
                stats);
    }

    private static String dims(OnnxMl.ValueInfoProto v) {
        List<String> d = new ArrayList<>();
        for (OnnxMl.TensorShapeProto.Dimension dim :
                v.getType().getTensorType().getShape().getDimList()) {
            d.add(dim.hasDimValue() ? Long.toString(dim.getDimValue()) : dim.getDimParam());
        }
        return d.toString();
    }

    /** {@return whether every dimension from {@code from} on has a value} */
    private static boolean known(List<OnnxMl.TensorShapeProto.Dimension> dims, int from) {
        for (int i = from; i < dims.size(); i++) {
            if (!dims.get(i).hasDimValue()) {
                return false;
            }
        }
        return true;
    }

    private static List<Long> weight(OnnxMl.NodeProto n, Map<String, List<Long>> init) {
        if (n.getInputCount() < 2 || !init.containsKey(n.getInput(1))) {
            throw new IllegalArgumentException(n.getOpType() + " " + n.getName()
                    + ": its weight is not an initializer, so its cost cannot be counted statically");
        }
        return init.get(n.getInput(1));
    }

    private static List<OnnxMl.ValueInfoProto> concat(List<OnnxMl.ValueInfoProto> a, List<OnnxMl.ValueInfoProto> b) {
        List<OnnxMl.ValueInfoProto> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
