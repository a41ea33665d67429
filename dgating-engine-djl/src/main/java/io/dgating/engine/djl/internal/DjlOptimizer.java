package io.dgating.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.train.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's SGD (momentum, Nesterov) and Adam update rules, written out on NDArrays so that they
 * are exactly the CPU engine's: the same formulas in the same order. Runs outside the gradient
 * collector (PyTorch forbids in-place updates of leaves while recording).
 */
final class DjlOptimizer {

    private static final String MOMENTUM = ".momentum";
    private static final String ADAM_M = ".adam_m";
    private static final String ADAM_V = ".adam_v";

    private final Optimizer spec;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private long t;
    private final NDManager manager;

    DjlOptimizer(Optimizer spec, List<NDArray> params, NDManager manager) {
        this.spec = spec;
        this.manager = manager;
        for (NDArray p : params) {
            first.add(manager.zeros(p.getShape()));
            second.add(manager.zeros(p.getShape()));
        }
    }

    /**
     * Returns the buffers named as the CPU engine names them ({@code <param>.momentum} for SGD,
     * {@code <param>.adam_m} and {@code <param>.adam_v} for Adam), so checkpoints read the same.
     *
     * @param names the parameter names, in the order of the list the optimizer was made for
     * @return copies of the buffers
     */
    ParameterSet state(List<String> names) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(
                    names.get(i) + (spec instanceof Optimizer.Sgd ? MOMENTUM : ADAM_M),
                    DjlNetwork.tensor(first.get(i)));
        }
        if (spec instanceof Optimizer.Adam) {
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i) + ADAM_V, DjlNetwork.tensor(second.get(i)));
            }
        }
        return new ParameterSet(out);
    }

    /**
     * Restores buffers saved after {@code steps} steps (by this engine or the CPU engine).
     *
     * @param state the buffers
     * @param names the parameter names, in list order
     * @param steps optimizer steps taken when they were saved
     * @throws IllegalArgumentException if a buffer is missing or has the wrong size
     */
    void restore(ParameterSet state, List<String> names, long steps) {
        boolean sgd = spec instanceof Optimizer.Sgd;
        if (!sgd || ((Optimizer.Sgd) spec).momentum() != 0) {
            load(state, names, sgd ? MOMENTUM : ADAM_M, first);
        }
        if (!sgd) {
            load(state, names, ADAM_V, second);
        }
        t = steps;
    }

    private void load(ParameterSet state, List<String> names, String suffix, List<NDArray> buffers) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) + suffix;
            NDArray old = buffers.get(i);
            if (!state.contains(name) || state.get(name).size() != old.size()) {
                throw new IllegalArgumentException("optimizer state " + name + " is missing or has the wrong size; "
                        + "was the checkpoint written with another optimizer or model?");
            }
            buffers.set(i, new NativeArrays().copyOf(manager, state.get(name).data(), old.getShape()));
            old.close();
        }
    }

    /** One step; {@code grads} already hold the decay terms. */
    void step(List<NDArray> params, List<NDArray> grads, double lr) {
        t++;
        NDArray rate = Scalars.of(params.get(0), lr);
        if (spec instanceof Optimizer.Sgd s) {
            NDArray mu = Scalars.of(rate, s.momentum());
            for (int i = 0; i < params.size(); i++) {
                NDArray g = grads.get(i);
                if (s.momentum() == 0) {
                    params.get(i).subi(g.mul(rate));
                    continue;
                }
                NDArray v = first.get(i);
                if (t == 1) {
                    v.addi(g); // PyTorch starts the buffer at the first gradient; v is still zero
                } else {
                    v.muli(mu).addi(g);
                }
                NDArray update = s.nesterov() ? g.add(v.mul(mu)) : v;
                params.get(i).subi(update.mul(rate));
            }
        } else {
            Optimizer.Adam a = (Optimizer.Adam) spec;
            float b1 = (float) a.beta1();
            float b2 = (float) a.beta2();
            NDArray beta1 = Scalars.of(rate, b1);
            NDArray beta2 = Scalars.of(rate, b2);
            NDArray oneMinusBeta1 = Scalars.of(rate, 1 - b1);
            NDArray oneMinusBeta2 = Scalars.of(rate, 1 - b2);
            NDArray c2 = Scalars.of(rate, (float) Math.sqrt(1 - Math.pow(a.beta2(), t)));
            NDArray stepSize = Scalars.of(rate, (float) lr / (float) (1 - Math.pow(a.beta1(), t)));
            NDArray eps = Scalars.of(rate, (float) a.epsilon());
            for (int i = 0; i < params.size(); i++) {
                NDArray g = grads.get(i);
                NDArray m = first.get(i).muli(beta1).addi(g.mul(oneMinusBeta1));
                NDArray v = second.get(i).muli(beta2).addi(g.mul(oneMinusBeta2).mul(g));
                params.get(i).subi(m.mul(stepSize).div(v.sqrt().div(c2).add(eps)));
            }
        }
    }
}
