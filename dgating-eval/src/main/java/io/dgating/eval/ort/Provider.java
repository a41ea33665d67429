package io.dgating.eval.ort;

/** ONNX Runtime execution provider. */
public enum Provider {
    /** The CPU provider: always available. */
    CPU,
    /** The CUDA provider: needs an NVIDIA GPU with CUDA 12 and cuDNN 9 libraries; falls back to CPU otherwise. */
    CUDA
}
