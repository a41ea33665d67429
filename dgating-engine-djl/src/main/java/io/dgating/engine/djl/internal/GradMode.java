package io.dgating.engine.djl.internal;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's autograd recording off on the calling thread for a block, and restores the
 * previous mode on close. PyTorch keeps the mode per thread and starts every new thread with
 * recording on, while DJL turns it off only on the thread that started the engine; a service
 * that trains on a request thread would otherwise record the optimizer's in-place updates of
 * the parameters (which PyTorch refuses) and build graphs during prediction. Gradients are
 * recorded only inside a {@code GradientCollector}, which switches the mode on and back.
 */
final class GradMode implements AutoCloseable {

    private final boolean previous;

    private GradMode() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    /** {@return a block with recording off; close it to restore the thread's previous mode} */
    static GradMode off() {
        return new GradMode();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
