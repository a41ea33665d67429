package io.dgating.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dgating.api.train.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's SGD (momentum, Nesterov) and Adam update rules, written out on NDArrays so that they
 * are exactly the CPU engine's: the same formulas in the same order. Runs outside the gradient
 * collector (PyTorch forbids in-place updates of leaves while recording).
 */
final class DjlOptimizer {

    private final Optimizer spec;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private long t;

    DjlOptimizer(Optimizer spec, List<NDArray> params, NDManager manager) {
        this.spec = spec;
        for (NDArray p : params) {
            first.add(manager.zeros(p.getShape()));
            second.add(manager.zeros(p.getShape()));
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
