package io.dgating.engine.cpu.internal;

import io.dgating.api.ParameterSet;
import io.dgating.api.data.Dataset;
import io.dgating.api.train.EpochOrder;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.TrainableNetwork;
import io.dgating.api.train.TrainingRequest;
import io.dgating.engine.cpu.kernel.GemmMt;

/**
 * The CPU engine's side of the training loop: a {@link Network} and its optimizer. The kernels
 * are deterministic, so the loop's seeding makes a run reproducible bit for bit on any thread
 * count, and a resumed run ends exactly where the uninterrupted one ends.
 */
public final class CpuTrainableNetwork implements TrainableNetwork {

    private final Network net;
    private final Updater updater;
    private final double weightDecay;
    private final boolean gatesFrozen;

    /**
     * Builds the network of a request from its starting parameters.
     *
     * @param req the training request
     * @param start gated-form parameters to start from
     * @param gemm the matrix kernel
     */
    public CpuTrainableNetwork(TrainingRequest req, ParameterSet start, GemmMt gemm) {
        this.net = new Network(
                req.model(), req.gating(), start, gemm, req.training().seed() ^ EpochOrder.DROPOUT_STREAM);
        this.updater = Updater.of(req.training().optimizer(), net.params());
        this.weightDecay = req.training().weightDecay();
        this.gatesFrozen = req.gatesFrozen();
    }

    @Override
    public double lossAndGradients(float[] x, float[] targets, float[] teacher, double teacherWeight, int rows) {
        double loss = net.lossAndGradients(x, targets, teacher, teacherWeight, rows, weightDecay);
        if (gatesFrozen) {
            // a zero gradient from the first step on moves nothing under SGD (with momentum) and Adam
            net.zeroGateGradients();
        }
        return loss;
    }

    @Override
    public void step(double learningRate) {
        updater.step(net.params(), learningRate);
    }

    @Override
    public void reseed(long seed) {
        net.reseedDropout(seed);
    }

    @Override
    public ParameterSet parameters() {
        return net.snapshot();
    }

    @Override
    public void setParameters(ParameterSet params) {
        net.load(params);
    }

    @Override
    public ParameterSet optimizerState() {
        return updater.state(net.params());
    }

    @Override
    public void restoreOptimizer(ParameterSet state, long steps) {
        updater.restore(state, net.params(), steps);
    }

    @Override
    public Metrics evaluate(Dataset data) {
        return Evaluator.evaluate(net, data);
    }

    /** Holds no native memory: nothing to release. */
    @Override
    public void close() {}
}
