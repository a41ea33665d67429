package io.dgating.api.model;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The layer kinds, each with the name result files and messages use for it and its record type.
 * Every record that {@link LayerSpec} permits has exactly one constant here (a test walks both);
 * the names are part of the result-file format and never change.
 */
public enum LayerKind {
    /** {@link Dense}. */
    DENSE("dense", Dense.class),
    /** {@link Dropout}. */
    DROPOUT("dropout", Dropout.class),
    /** {@link Flatten}. */
    FLATTEN("flatten", Flatten.class),
    /** {@link Conv2d}. */
    CONV2D("conv2d", Conv2d.class),
    /** {@link BatchNorm}. */
    BATCH_NORM("batch_norm", BatchNorm.class),
    /** {@link LayerNorm}. */
    LAYER_NORM("layer_norm", LayerNorm.class),
    /** {@link Embedding}. */
    EMBEDDING("embedding", Embedding.class),
    /** {@link PositionEmbedding}. */
    POSITION_EMBEDDING("position_embedding", PositionEmbedding.class),
    /** {@link MultiHeadAttention}. */
    ATTENTION("attention", MultiHeadAttention.class),
    /** {@link Pool2d}. */
    POOL2D("pool2d", Pool2d.class),
    /** {@link GlobalAvgPool}. */
    GLOBAL_AVG_POOL("global_avg_pool", GlobalAvgPool.class),
    /** {@link Nonlinearity}. */
    ACTIVATION("activation", Nonlinearity.class),
    /** {@link Add}. */
    ADD("add", Add.class),
    /** {@link Multiply}. */
    MULTIPLY("multiply", Multiply.class);

    private final String id;
    private final Class<? extends LayerSpec> type;

    LayerKind(String id, Class<? extends LayerSpec> type) {
        this.id = id;
        this.type = type;
    }

    /** {@return the kind's name in result files and messages, e.g. {@code batch_norm}} */
    public String id() {
        return id;
    }

    /** {@return the record that describes a layer of this kind} */
    public Class<? extends LayerSpec> type() {
        return type;
    }

    /**
     * Returns the kind of a result-file name.
     *
     * @param id a name such as {@code conv2d}
     * @return the kind, or empty for a name no kind has
     */
    public static Optional<LayerKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    /**
     * Returns the kinds a class registers: those for which it has a concrete {@link LayerVisitor}
     * method, so a module's set of kinds is derived from its one registration instead of listed
     * beside it.
     *
     * @param visitor a class that implements {@link LayerVisitor}
     * @return the kinds it implements
     */
    public static Set<LayerKind> implementedBy(Class<?> visitor) {
        Set<LayerKind> kinds = EnumSet.noneOf(LayerKind.class);
        for (Method m : visitor.getMethods()) {
            if (m.getParameterCount() == 1 && !Modifier.isAbstract(m.getModifiers()) && !m.isBridge()) {
                for (LayerKind k : values()) {
                    if (m.getParameterTypes()[0] == k.type) {
                        kinds.add(k);
                    }
                }
            }
        }
        return Collections.unmodifiableSet(kinds);
    }
}
