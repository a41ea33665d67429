package io.dgating.export.kinds;

import io.dgating.api.model.Multiply;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.Signal;
import java.util.List;

/**
 * An element-wise product: a channel that is zero in either input is zero; a channel is alive
 * when an input's is and neither is zero, else the product of the constants. ONNX's {@code Mul}
 * broadcasts a per-channel second input over the first's image.
 */
final class MultiplyRule extends PerChannelRule<Multiply> {

    MultiplyRule(Multiply layer) {
        super(layer);
    }

    @Override
    public Signal forward(LayerContext ctx, List<Signal> in) {
        Signal a = in.get(0);
        Signal b = in.get(1);
        boolean[] alive = new boolean[a.width()];
        double[] constant = new double[a.width()];
        for (int ch = 0; ch < alive.length; ch++) {
            boolean zero = !a.isAlive(ch) && a.constant(ch) == 0 || !b.isAlive(ch) && b.constant(ch) == 0;
            alive[ch] = !zero && (a.isAlive(ch) || b.isAlive(ch));
            constant[ch] = alive[ch] || zero ? 0 : a.constant(ch) * b.constant(ch);
        }
        return new Signal(alive, constant);
    }

    @Override
    public boolean passesThrough(LayerContext ctx) {
        return false;
    }

    @Override
    public long parameters(LayerContext ctx, boolean exported) {
        return 0;
    }

    @Override
    public ValueRef write(LayerContext ctx, List<ValueRef> in) {
        return in.get(0).mul(in.get(1)).shaped(ctx.compactOutputShape());
    }
}
