package io.dgating.engine.cpu.internal;

/**
 * One thread's working buffers for the convolutions of one network: column matrix, product,
 * transpose and weight-gradient buffers, grown on demand. The layers of a network run one after
 * another and keep nothing in these buffers between calls, so all of them share one set per
 * thread: memory is threads x the largest layer's need, not threads x the sum over layers (a
 * VGG-16 on 32 x 32 images: about 3 MB a thread instead of about 20 MB). Released with the network.
 */
final class ConvScratch {

    float[] cols = new float[0];
    float[] prod = new float[0];
    float[] trans = new float[0];
    float[] dWt = new float[0];

    /** {@return a per-thread supply of scratch sets, to be shared by one network's convolutions} */
    static ThreadLocal<ConvScratch> perThread() {
        return ThreadLocal.withInitial(ConvScratch::new);
    }
}
