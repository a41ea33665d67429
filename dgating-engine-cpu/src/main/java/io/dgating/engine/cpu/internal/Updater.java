package io.dgating.engine.cpu.internal;

import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.train.Optimizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies one optimizer step to every parameter from its gradient; PyTorch's update rules. */
abstract sealed class Updater permits Updater.Sgd, Updater.Adam {

    abstract void step(List<Param> params, double lr);

    /** {@return copies of the optimizer's buffers, named {@code <param>.<buffer>}} */
    abstract ParameterSet state(List<Param> params);

    /**
     * Restores buffers saved by {@link #state} after {@code steps} optimizer steps.
     *
     * @throws IllegalArgumentException if a buffer is missing or has the wrong size
     */
    abstract void restore(ParameterSet state, List<Param> params, long steps);

    static ParameterSet save(List<Param> params, String suffix, float[][] buffers, Map<String, Tensor> into) {
        for (int i = 0; i < params.size(); i++) {
            into.put(params.get(i).name() + suffix, new Tensor(params.get(i).shape(), buffers[i]));
        }
        return new ParameterSet(into);
    }

    static void load(ParameterSet state, List<Param> params, String suffix, float[][] buffers) {
        for (int i = 0; i < params.size(); i++) {
            String name = params.get(i).name() + suffix;
            if (!state.contains(name) || state.get(name).size() != buffers[i].length) {
                throw new IllegalArgumentException("optimizer state " + name + " is missing or has the wrong size; "
                        + "was the checkpoint written with another optimizer or model?");
            }
            state.get(name).copyInto(buffers[i], 0);
        }
    }

    static Updater of(Optimizer o, List<Param> params) {
        if (o instanceof Optimizer.Sgd s) {
            return new Sgd(s, params);
        }
        return new Adam((Optimizer.Adam) o, params);
    }

    static final class Sgd extends Updater {
        private final float momentum;
        private final boolean nesterov;
        private final float[][] velocity;
        private boolean first = true;

        Sgd(Optimizer.Sgd o, List<Param> params) {
            this.momentum = (float) o.momentum();
            this.nesterov = o.nesterov();
            this.velocity = new float[params.size()][];
            for (int i = 0; i < params.size(); i++) {
                velocity[i] = new float[params.get(i).value().length];
            }
        }

        @Override
        void step(List<Param> params, double lr) {
            float rate = (float) lr;
            for (int i = 0; i < params.size(); i++) {
                float[] p = params.get(i).value();
                float[] g = params.get(i).grad();
                if (momentum == 0f) {
                    for (int j = 0; j < p.length; j++) {
                        p[j] -= rate * g[j];
                    }
                    continue;
                }
                float[] v = velocity[i];
                for (int j = 0; j < p.length; j++) {
                    // PyTorch: the buffer starts as the first gradient, then v = mu v + g
                    v[j] = first ? g[j] : momentum * v[j] + g[j];
                    p[j] -= rate * (nesterov ? g[j] + momentum * v[j] : v[j]);
                }
            }
            first = false;
        }

        @Override
        ParameterSet state(List<Param> params) {
            return save(params, ".momentum", velocity, new LinkedHashMap<>());
        }

        @Override
        void restore(ParameterSet state, List<Param> params, long steps) {
            if (momentum != 0f) {
                load(state, params, ".momentum", velocity);
            }
            first = steps == 0;
        }
    }

    static final class Adam extends Updater {
        private final double beta1;
        private final double beta2;
        private final double epsilon;
        private final float[][] m;
        private final float[][] v;
        private long t;

        Adam(Optimizer.Adam o, List<Param> params) {
            this.beta1 = o.beta1();
            this.beta2 = o.beta2();
            this.epsilon = o.epsilon();
            this.m = new float[params.size()][];
            this.v = new float[params.size()][];
            for (int i = 0; i < params.size(); i++) {
                m[i] = new float[params.get(i).value().length];
                v[i] = new float[params.get(i).value().length];
            }
        }

        @Override
        void step(List<Param> params, double lr) {
            t++;
            float b1 = (float) beta1;
            float b2 = (float) beta2;
            float c1 = (float) (1 - Math.pow(beta1, t));
            float c2 = (float) Math.sqrt(1 - Math.pow(beta2, t));
            float stepSize = (float) lr / c1;
            float eps = (float) epsilon;
            for (int i = 0; i < params.size(); i++) {
                float[] p = params.get(i).value();
                float[] g = params.get(i).grad();
                float[] mi = m[i];
                float[] vi = v[i];
                for (int j = 0; j < p.length; j++) {
                    mi[j] = b1 * mi[j] + (1 - b1) * g[j];
                    vi[j] = b2 * vi[j] + (1 - b2) * g[j] * g[j];
                    p[j] -= stepSize * mi[j] / ((float) Math.sqrt(vi[j]) / c2 + eps);
                }
            }
        }

        @Override
        ParameterSet state(List<Param> params) {
            Map<String, Tensor> map = new LinkedHashMap<>();
            save(params, ".adam_m", m, map);
            return save(params, ".adam_v", v, map);
        }

        @Override
        void restore(ParameterSet state, List<Param> params, long steps) {
            load(state, params, ".adam_m", m);
            load(state, params, ".adam_v", v);
            t = steps;
        }
    }
}
