package io.dgating.export.kinds;

import io.dgating.api.model.Add;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.Signal;
import java.util.List;

/** A residual add: a channel is alive when any input's is, else the sum of their constants. */
final class AddRule extends PerChannelRule<Add> {

    AddRule(Add layer) {
        super(layer);
    }

    @Override
    public Signal forward(LayerContext ctx, List<Signal> in) {
        Signal a = in.get(0);
        boolean[] alive = new boolean[a.width()];
        double[] constant = new double[a.width()];
        for (int ch = 0; ch < alive.length; ch++) {
            for (Signal s : in) {
                alive[ch] |= s.isAlive(ch);
                constant[ch] += s.isAlive(ch) ? 0 : s.constant(ch);
            }
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
        ValueRef sum = in.get(0);
        for (ValueRef v : in.subList(1, in.size())) {
            sum = sum.add(v).shaped(ctx.compactOutputShape());
        }
        return sum;
    }
}
