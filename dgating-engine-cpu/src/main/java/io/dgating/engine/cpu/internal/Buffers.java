package io.dgating.engine.cpu.internal;

/** Reuse of scratch arrays between steps: batches vary only at the end of an epoch. */
final class Buffers {

    private Buffers() {}

    static float[] atLeast(float[] buf, int size) {
        return buf != null && buf.length >= size ? buf : new float[size];
    }
}
