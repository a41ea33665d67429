package io.dgating.engine.cpu.internal;

import io.dgating.api.ParameterSet;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Head;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An independent float64 implementation of the gated MLP objective (straight from the
 * definitions in method.md, no shared code with the engine's layers), used as the
 * reference that finite differences are taken of.
 */
final class ReferenceMlp {

    private final ModelSpec model;
    private final GatingConfig gating;
    private final Map<String, double[]> params = new LinkedHashMap<>();

    ReferenceMlp(ModelSpec model, GatingConfig gating, ParameterSet p) {
        this.model = model;
        this.gating = gating;
        for (var e : p.asMap().entrySet()) {
            float[] v = e.getValue().data();
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            params.put(e.getKey(), d);
        }
    }

    Map<String, double[]> params() {
        return params;
    }

    /** Mean data loss + (lambda/D) sum of squared gated factors + (wd/2) sum of squared other parameters. */
    double objective(double[][] x, double[] y, double weightDecay) {
        double loss = 0;
        for (int r = 0; r < x.length; r++) {
            double[] a = x[r];
            int in = model.inputSize();
            for (LayerSpec spec : model.layers()) {
                Dense d = (Dense) spec;
                double[] w = weight(d.name(), d.units(), in);
                double[] b = params.get(d.name() + ".bias");
                double[] z = new double[d.units()];
                for (int i = 0; i < d.units(); i++) {
                    double s = b == null ? 0 : b[i];
                    for (int j = 0; j < in; j++) {
                        s += w[i * in + j] * a[j];
                    }
                    z[i] = d.activation().apply(s);
                }
                a = z;
                in = d.units();
            }
            if (model.head() == Head.SOFTMAX_CROSS_ENTROPY) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : a) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (double v : a) {
                    sum += Math.exp(v - max);
                }
                loss += Math.log(sum) + max - a[(int) y[r]];
            } else {
                double d = a[0] - y[r];
                loss += d * d;
            }
        }
        loss /= x.length;
        double gatedSq = 0;
        double plainSq = 0;
        for (var e : params.entrySet()) {
            String layer = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
            boolean gated = gating.gateOf(layer) != null
                    && (e.getKey().endsWith(".weight") || e.getKey().endsWith(".gates"));
            for (double v : e.getValue()) {
                if (gated) {
                    gatedSq += v * v;
                } else {
                    plainSq += v * v;
                }
            }
        }
        return loss + gating.lambda() / gating.depth() * gatedSq + 0.5 * weightDecay * plainSq;
    }

    private double[] weight(String layer, int rows, int cols) {
        double[] omega = params.get(layer + ".weight");
        GateSpec g = gating.gateOf(layer);
        if (g == null) {
            return omega;
        }
        // the group of an entry, from the gate spec's definition (not from the library's group rules)
        int[] features = g.featureGroups();
        double[] gates = params.get(layer + ".gates");
        int f = gating.depth() - 1;
        double[] w = new double[omega.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int j = g.kind() == GroupKind.NEURONS ? r : features.length == 0 ? c : features[c];
                double p = 1;
                for (int d = 0; d < f; d++) {
                    p *= gates[j * f + d];
                }
                w[r * cols + c] = omega[r * cols + c] * p;
            }
        }
        return w;
    }
}
