package io.dgating.export.kinds;

/** ONNX attribute values the spatial kinds share. */
final class Attrs {

    private Attrs() {}

    /** {@return {@code [v, v]}: a square window's height and width} */
    static long[] pair(long v) {
        return new long[] {v, v};
    }

    /** {@return {@code [v, v, v, v]}: equal padding at every border} */
    static long[] quad(long v) {
        return new long[] {v, v, v, v};
    }
}
