package io.dgating.runtime;

import java.util.Locale;

/** ONNX Runtime execution provider. */
public enum Provider {
    /** The CPU provider: always available. */
    CPU,
    /** The CUDA provider: needs an NVIDIA GPU with CUDA 12 and cuDNN 9 libraries; falls back to CPU otherwise. */
    CUDA;

    /**
     * Returns the provider a user named: {@code cpu}, or {@code cuda} (alias {@code gpu}), any case.
     *
     * @param name the name
     * @return the provider
     * @throws IllegalArgumentException for any other name
     */
    public static Provider parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cpu" -> CPU;
            case "cuda", "gpu" -> CUDA;
            default -> throw new IllegalArgumentException("--provider must be cpu or cuda, got '" + name + "'");
        };
    }
}
