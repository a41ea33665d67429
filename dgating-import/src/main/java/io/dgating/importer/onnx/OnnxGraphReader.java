package io.dgating.importer.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses ONNX bytes into a {@link ParsedGraph}: the only class of the importer that sees protobuf. */
public final class OnnxGraphReader {

    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;
    private static final int DOUBLE = OnnxMl.TensorProto.DataType.DOUBLE_VALUE;
    private static final int INT64 = OnnxMl.TensorProto.DataType.INT64_VALUE;
    private static final int INT32 = OnnxMl.TensorProto.DataType.INT32_VALUE;

    private OnnxGraphReader() {}

    /**
     * Parses a model.
     *
     * @param bytes the file's bytes
     * @param source the file's name, for errors
     * @return the graph
     * @throws IllegalArgumentException if the bytes are not an ONNX model, or its input is not one float tensor
     */
    public static ParsedGraph read(byte[] bytes, String source) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(source + " is not an ONNX model: " + e.getMessage(), e);
        }
        OnnxMl.GraphProto g = model.getGraph();
        if (g.getNodeCount() == 0 || g.getOutputCount() == 0) {
            throw new IllegalArgumentException(source + " is not an ONNX model with a graph (no nodes or no outputs)");
        }
        Map<String, ConstTensor> constants = new HashMap<>();
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            constants.put(t.getName(), tensor(t, source));
        }
        List<OnnxMl.ValueInfoProto> inputs = new ArrayList<>();
        for (OnnxMl.ValueInfoProto v : g.getInputList()) {
            if (!constants.containsKey(v.getName())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(source + " has " + inputs.size() + " inputs " + names(inputs)
                    + "; dgating imports models of one input tensor");
        }
        OnnxMl.ValueInfoProto in = inputs.get(0);
        OnnxMl.TypeProto.Tensor type = in.getType().getTensorType();
        if (type.getElemType() != FLOAT) {
            throw new IllegalArgumentException(source + ": input '" + in.getName() + "' has element type "
                    + OnnxMl.TensorProto.DataType.forNumber(type.getElemType()) + "; dgating imports float inputs");
        }
        long[] dims = type.getShape().getDimList().stream()
                .mapToLong(d -> d.hasDimValue() && d.getDimValue() > 0 ? d.getDimValue() : -1)
                .toArray();
        List<OnnxNode> nodes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            OnnxMl.NodeProto n = g.getNode(i);
            String name = n.getName().isEmpty() || !seen.add(n.getName()) ? n.getOpType() + "#" + i : n.getName();
            Map<String, Object> attrs = new LinkedHashMap<>();
            for (OnnxMl.AttributeProto a : n.getAttributeList()) {
                Object v = attribute(a, source);
                if (v != null) {
                    attrs.put(a.getName(), v);
                }
            }
            if (n.getOpType().equals("Constant")
                    && n.getDomain().isEmpty()
                    && attrs.get("value") instanceof ConstTensor c) {
                constants.put(n.getOutput(0), c);
            }
            String op = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx")
                    ? n.getOpType()
                    : n.getDomain() + ":" + n.getOpType();
            nodes.add(new OnnxNode(op, name, n.getInputList(), n.getOutputList(), attrs));
        }
        long opset = model.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OnnxMl.OperatorSetIdProto::getVersion)
                .findFirst()
                .orElse(0);
        List<String> others = new ArrayList<>();
        for (int i = 1; i < g.getOutputCount(); i++) {
            others.add(g.getOutput(i).getName());
        }
        String producer = (model.getProducerName() + " " + model.getProducerVersion()).trim();
        return new ParsedGraph(in.getName(), dims, g.getOutput(0).getName(), others, nodes, constants, opset, producer);
    }

    private static String names(List<OnnxMl.ValueInfoProto> values) {
        return values.stream().map(OnnxMl.ValueInfoProto::getName).toList().toString();
    }

    private static Object attribute(OnnxMl.AttributeProto a, String source) {
        return switch (a.getType()) {
            case INT -> a.getI();
            case FLOAT -> (double) a.getF();
            case STRING -> a.getS().toStringUtf8();
            case INTS -> a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            case FLOATS ->
                a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray();
            case TENSOR -> tensor(a.getT(), source);
            default -> null;
        };
    }

    private static ConstTensor tensor(OnnxMl.TensorProto t, String source) {
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        int n = Math.toIntExact(count);
        if (t.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL) {
            throw new IllegalArgumentException(source + ": tensor '" + t.getName() + "' is stored in an external file; "
                    + "save the model with its weights inside (onnx.save(..., save_as_external_data=False))");
        }
        ByteString raw = t.getRawData();
        ByteBuffer buf = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[n];
        long[] l = null;
        int type = t.getDataType();
        if (type == FLOAT) {
            for (int i = 0; i < n; i++) {
                f[i] = raw.isEmpty() ? t.getFloatData(i) : buf.getFloat();
            }
        } else if (type == DOUBLE) {
            for (int i = 0; i < n; i++) {
                f[i] = (float) (raw.isEmpty() ? t.getDoubleData(i) : buf.getDouble());
            }
        } else if (type == INT64 || type == INT32) {
            l = new long[n];
            for (int i = 0; i < n; i++) {
                if (type == INT64) {
                    l[i] = raw.isEmpty() ? t.getInt64Data(i) : buf.getLong();
                } else {
                    l[i] = raw.isEmpty() ? t.getInt32Data(i) : buf.getInt();
                }
                f[i] = l[i];
            }
        } else {
            // a tensor of another type is only an error if a supported node reads it
            return new ConstTensor(dims, new float[0], null);
        }
        return new ConstTensor(dims, f, l);
    }
}
