package io.dgating.api.model;

import io.dgating.api.Shape;

/** Checks shared by the layer records: names and the image shapes that spatial layers take. */
final class Layers {

    private Layers() {}

    static void requireName(String name, String kind) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(kind + " layer needs a name");
        }
    }

    static void requirePositive(String layer, String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("layer '" + layer + "' needs " + what + " >= 1, got " + value);
        }
    }

    /** {@return the input as {@code [C, H, W]}, or fails naming the layer} */
    static Shape image(String layer, Shape input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException(
                    "layer '" + layer + "' takes images [channels, height, width], got " + input);
        }
        return input;
    }

    /**
     * Returns the output extent of a sliding window, as PyTorch and ONNX compute it (floor mode).
     *
     * @throws IllegalArgumentException if the window does not fit
     */
    static int slide(String layer, int size, int kernel, int stride, int padding, int dilation) {
        int span = dilation * (kernel - 1) + 1;
        int out = Math.floorDiv(size + 2 * padding - span, stride) + 1;
        if (out < 1) {
            throw new IllegalArgumentException("layer '" + layer + "': a window of " + span + " does not fit in " + size
                    + " with padding " + padding);
        }
        return out;
    }
}
