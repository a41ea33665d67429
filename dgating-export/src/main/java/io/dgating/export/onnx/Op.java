package io.dgating.export.onnx;

import java.util.Map;
import java.util.TreeSet;

/**
 * The ONNX operators dgating emits, as defined in opset {@value OnnxModelWriter#OPSET}: op type,
 * input arity and attribute schema. {@link OnnxGraph} validates a node against its entry before
 * emitting it, so a wrong graph fails at build time with a message naming the operator.
 */
public enum Op {
    /** {@code Y = alpha * A * op(B) + beta * C}. */
    GEMM(
            "Gemm",
            2,
            3,
            Map.of("alpha", Attr.FLOAT, "beta", Attr.FLOAT, "transA", Attr.INT, "transB", Attr.INT),
            new String[0]),
    /** Converts element type ({@code to}: an ONNX {@code TensorProto.DataType} number). */
    CAST("Cast", 1, 1, Map.of("to", Attr.INT), new String[] {"to"}),
    /** Gives a tensor a new shape of the same size ({@code 0} in the shape copies that input dimension). */
    RESHAPE("Reshape", 2, 2, Map.of("allowzero", Attr.INT), new String[0]),
    /** Permutes axes. */
    TRANSPOSE("Transpose", 1, 1, Map.of("perm", Attr.INTS), new String[0]),
    /** Matrix product with NumPy broadcasting over leading axes. */
    MATMUL("MatMul", 2, 2, Map.of(), new String[0]),
    /** {@code max(0, x)}. */
    RELU("Relu", 1, 1, Map.of(), new String[0]),
    /** {@code tanh(x)}. */
    TANH("Tanh", 1, 1, Map.of(), new String[0]),
    /** {@code 1 / (1 + exp(-x))}. */
    SIGMOID("Sigmoid", 1, 1, Map.of(), new String[0]),
    /** The error function. */
    ERF("Erf", 1, 1, Map.of(), new String[0]),
    /** Element-wise sum with broadcasting. */
    ADD("Add", 2, 2, Map.of(), new String[0]),
    /** Element-wise product with broadcasting. */
    MUL("Mul", 2, 2, Map.of(), new String[0]),
    /** Element-wise quotient with broadcasting. */
    DIV("Div", 2, 2, Map.of(), new String[0]),
    /** Element-wise difference. */
    SUB("Sub", 2, 2, Map.of(), new String[0]),
    /** Selects entries along an axis. */
    GATHER("Gather", 2, 2, Map.of("axis", Attr.INT), new String[0]),
    /** Softmax along an axis. */
    SOFTMAX("Softmax", 1, 1, Map.of("axis", Attr.INT), new String[0]),
    /** The shape of a tensor as int64. */
    SHAPE("Shape", 1, 1, Map.of("start", Attr.INT, "end", Attr.INT), new String[0]),
    /** Joins tensors along an axis. */
    CONCAT("Concat", 1, Integer.MAX_VALUE, Map.of("axis", Attr.INT), new String[] {"axis"}),
    /** Broadcasts a tensor to a shape. */
    EXPAND("Expand", 2, 2, Map.of(), new String[0]),
    /** 2-D convolution {@code X [N, C, H, W]}, {@code W [M, C/group, kH, kW]}, optional bias {@code [M]}. */
    CONV(
            "Conv",
            2,
            3,
            Map.of(
                    "kernel_shape",
                    Attr.INTS,
                    "pads",
                    Attr.INTS,
                    "strides",
                    Attr.INTS,
                    "dilations",
                    Attr.INTS,
                    "group",
                    Attr.INT,
                    "auto_pad",
                    Attr.STRING),
            new String[0]),
    /** Max pooling over windows. */
    MAX_POOL(
            "MaxPool",
            1,
            1,
            Map.of(
                    "kernel_shape",
                    Attr.INTS,
                    "pads",
                    Attr.INTS,
                    "strides",
                    Attr.INTS,
                    "dilations",
                    Attr.INTS,
                    "ceil_mode",
                    Attr.INT,
                    "auto_pad",
                    Attr.STRING),
            new String[] {"kernel_shape"}),
    /** Average pooling over windows. */
    AVERAGE_POOL(
            "AveragePool",
            1,
            1,
            Map.of(
                    "kernel_shape",
                    Attr.INTS,
                    "pads",
                    Attr.INTS,
                    "strides",
                    Attr.INTS,
                    "ceil_mode",
                    Attr.INT,
                    "count_include_pad",
                    Attr.INT,
                    "auto_pad",
                    Attr.STRING),
            new String[] {"kernel_shape"}),
    /** The mean over every spatial position, per channel: {@code [N, C, H, W] -> [N, C, 1, 1]}. */
    GLOBAL_AVERAGE_POOL("GlobalAveragePool", 1, 1, Map.of(), new String[0]),
    /** Reshapes to 2-D: dimensions before {@code axis} into rows, the rest into columns. */
    FLATTEN("Flatten", 1, 1, Map.of("axis", Attr.INT), new String[0]),
    /** Inference-mode batch normalization: scale, bias, running mean and variance per channel. */
    BATCH_NORMALIZATION(
            "BatchNormalization",
            5,
            5,
            Map.of("epsilon", Attr.FLOAT, "momentum", Attr.FLOAT, "training_mode", Attr.INT),
            new String[0]),
    /** Normalisation over the trailing axes from {@code axis}: scale, optional bias (opset 17). */
    LAYER_NORMALIZATION(
            "LayerNormalization",
            2,
            3,
            Map.of("axis", Attr.INT, "epsilon", Attr.FLOAT, "stash_type", Attr.INT),
            new String[0]),
    /**
     * ONNX-ML: each string becomes a 0/1 float vector over {@code cats_strings}, one more dimension
     * than its input; with {@code zeros = 1} a string not in the list becomes all zeros.
     */
    ONE_HOT_ENCODER(
            "ai.onnx.ml", "OneHotEncoder", 1, 1, Map.of("cats_strings", Attr.STRINGS, "zeros", Attr.INT), new String[] {
                "cats_strings"
            });

    /** The domain of the ONNX-ML operators. */
    public static final String ML_DOMAIN = "ai.onnx.ml";

    /** Attribute value types, each with the Java type a node's attribute map holds for it. */
    public enum Attr {
        /** A float ({@link Float}). */
        FLOAT(Float.class),
        /** An int64 ({@link Long}). */
        INT(Long.class),
        /** A list of floats ({@code float[]}). */
        FLOATS(float[].class),
        /** A list of int64 ({@code long[]}). */
        INTS(long[].class),
        /** A UTF-8 string ({@link String}). */
        STRING(String.class),
        /** A list of UTF-8 strings ({@code String[]}). */
        STRINGS(String[].class);

        private final Class<?> javaType;

        Attr(Class<?> javaType) {
            this.javaType = javaType;
        }

        /** {@return the Java type of values of this kind} */
        public Class<?> javaType() {
            return javaType;
        }

        /**
         * Sets {@code value} on an attribute builder.
         *
         * @param a the attribute
         * @param value a value of {@link #javaType()}
         */
        void write(ai.onnx.proto.OnnxMl.AttributeProto.Builder a, Object value) {
            switch (this) {
                case FLOAT ->
                    a.setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.FLOAT)
                            .setF((Float) value);
                case INT ->
                    a.setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.INT)
                            .setI((Long) value);
                case FLOATS -> {
                    a.setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.FLOATS);
                    for (float f : (float[]) value) {
                        a.addFloats(f);
                    }
                }
                case INTS -> {
                    a.setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.INTS);
                    for (long l : (long[]) value) {
                        a.addInts(l);
                    }
                }
                case STRING ->
                    a.setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.STRING)
                            .setS(com.google.protobuf.ByteString.copyFromUtf8((String) value));
                case STRINGS -> {
                    a.setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.STRINGS);
                    for (String s : (String[]) value) {
                        a.addStrings(com.google.protobuf.ByteString.copyFromUtf8(s));
                    }
                }
            }
        }
    }

    /**
     * Returns the kind of a named attribute.
     *
     * @param name the attribute
     * @return its kind
     * @throws IllegalArgumentException if the op has no such attribute
     */
    Attr attribute(String name) {
        Attr kind = attributes.get(name);
        if (kind == null) {
            throw new IllegalArgumentException(
                    type + " has no attribute '" + name + "'; it has " + new TreeSet<>(attributes.keySet()));
        }
        return kind;
    }

    private final String domain;
    private final String type;
    private final int minInputs;
    private final int maxInputs;
    private final Map<String, Attr> attributes;
    private final String[] mandatory;

    Op(String type, int minInputs, int maxInputs, Map<String, Attr> attributes, String[] mandatory) {
        this("", type, minInputs, maxInputs, attributes, mandatory);
    }

    Op(String domain, String type, int minInputs, int maxInputs, Map<String, Attr> attributes, String[] mandatory) {
        this.domain = domain;
        this.type = type;
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
        this.attributes = attributes;
        this.mandatory = mandatory;
    }

    /** {@return the operator's domain: empty for the default one, {@link #ML_DOMAIN} for ONNX-ML} */
    public String domain() {
        return domain;
    }

    /** {@return the ONNX op type, e.g. {@code Gemm}} */
    public String type() {
        return type;
    }

    /**
     * Checks a node's inputs and attributes against the schema.
     *
     * @param inputs number of inputs
     * @param attrs attribute names to values (of each kind's {@link Attr#javaType()})
     * @throws IllegalArgumentException naming the op, what was expected and what was given
     */
    void validate(int inputs, Map<String, Object> attrs) {
        if (inputs < minInputs || inputs > maxInputs) {
            throw new IllegalArgumentException(type + " takes " + minInputs
                    + (maxInputs == Integer.MAX_VALUE ? " or more" : maxInputs == minInputs ? "" : " to " + maxInputs)
                    + " inputs, got " + inputs);
        }
        for (String m : mandatory) {
            if (!attrs.containsKey(m)) {
                throw new IllegalArgumentException(type + " needs attribute '" + m + "'");
            }
        }
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            Attr kind = attribute(e.getKey());
            if (!kind.javaType().isInstance(e.getValue())) {
                throw new IllegalArgumentException(type + " attribute '" + e.getKey() + "' must be " + kind + ", got "
                        + e.getValue().getClass().getSimpleName());
            }
        }
    }
}
