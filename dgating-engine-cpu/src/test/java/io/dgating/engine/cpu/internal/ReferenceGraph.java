package io.dgating.engine.cpu.internal;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.model.Add;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Dropout;
import io.dgating.api.model.Embedding;
import io.dgating.api.model.Flatten;
import io.dgating.api.model.GlobalAvgPool;
import io.dgating.api.model.LayerNorm;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.api.model.Multiply;
import io.dgating.api.model.Nonlinearity;
import io.dgating.api.model.Pool2d;
import io.dgating.api.model.PositionEmbedding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent float64 forward pass of an ungated graph model over a whole batch, written from
 * the layers' definitions (direct convolution sums, no im2col; batch norm in training mode with
 * the batch's biased variance), and its mean softmax cross-entropy. Finite differences of this
 * are the reference for the engine's float32 gradients.
 */
final class ReferenceGraph {

    private final ModelSpec model;
    private final Map<String, double[]> params = new LinkedHashMap<>();

    ReferenceGraph(ModelSpec model, ParameterSet initial) {
        this.model = model;
        for (var e : initial.asMap().entrySet()) {
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

    /** Returns the outputs {@code [n][outputs]} with batch norm in training mode. */
    double[][] forward(double[][] x) {
        List<double[][]> outs = new ArrayList<>();
        List<Shape> shapes = model.outputShapes();
        for (int i = 0; i < model.layers().size(); i++) {
            List<Integer> src = model.sourcesOf(i);
            double[][] in = src.get(0) < 0 ? x : outs.get(src.get(0));
            Shape inShape = src.get(0) < 0 ? model.inputShape() : shapes.get(src.get(0));
            LayerSpec l = model.layers().get(i);
            double[][] out;
            if (l instanceof Add) {
                out = new double[x.length][];
                for (int r = 0; r < x.length; r++) {
                    out[r] = new double[in[r].length];
                    for (int s : src) {
                        double[] v = s < 0 ? x[r] : outs.get(s)[r];
                        for (int j = 0; j < v.length; j++) {
                            out[r][j] += v[j];
                        }
                    }
                }
            } else if (l instanceof Multiply) {
                // the second input may hold one value per channel of the first
                double[][] b = src.get(1) < 0 ? x : outs.get(src.get(1));
                out = new double[x.length][];
                for (int r = 0; r < x.length; r++) {
                    int per = in[r].length / b[r].length;
                    out[r] = new double[in[r].length];
                    for (int j = 0; j < in[r].length; j++) {
                        out[r][j] = in[r][j] * b[r][j / per];
                    }
                }
            } else if (l instanceof BatchNorm bn) {
                out = batchNorm(bn, in, inShape);
            } else {
                out = new double[x.length][];
                for (int r = 0; r < x.length; r++) {
                    out[r] = single(l, in[r], inShape, shapes.get(i));
                }
            }
            outs.add(out);
        }
        return outs.get(outs.size() - 1);
    }

    /** Returns the mean softmax cross-entropy over every position of every row ({@code [T, classes]} outputs). */
    double sequenceLoss(double[][] x, int[][] y) {
        double[][] out = forward(x);
        double loss = 0;
        int positions = y[0].length;
        int classes = out[0].length / positions;
        for (int r = 0; r < out.length; r++) {
            for (int p = 0; p < positions; p++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, out[r][p * classes + c]);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += Math.exp(out[r][p * classes + c] - max);
                }
                loss += Math.log(sum) + max - out[r][p * classes + y[r][p]];
            }
        }
        return loss / (out.length * positions);
    }

    /** Returns the mean softmax cross-entropy of the batch against class indices. */
    double loss(double[][] x, int[] y) {
        double[][] out = forward(x);
        double loss = 0;
        for (int r = 0; r < out.length; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : out[r]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : out[r]) {
                sum += Math.exp(v - max);
            }
            loss += Math.log(sum) + max - out[r][y[r]];
        }
        return loss / out.length;
    }

    private double[] single(LayerSpec l, double[] a, Shape in, Shape outShape) {
        if (l instanceof Dense d) {
            double[] w = params.get(d.name() + ".weight");
            double[] b = params.get(d.name() + ".bias");
            int inputs = w.length / d.units();
            int positions = a.length / inputs;
            double[] z = new double[positions * d.units()];
            for (int t = 0; t < positions; t++) {
                for (int u = 0; u < d.units(); u++) {
                    double s = b == null ? 0 : b[u];
                    for (int j = 0; j < inputs; j++) {
                        s += w[u * inputs + j] * a[t * inputs + j];
                    }
                    z[t * d.units() + u] = d.activation().apply(s);
                }
            }
            return z;
        } else if (l instanceof Conv2d c) {
            return conv(c, a, in, outShape);
        } else if (l instanceof Pool2d p) {
            return pool(p, a, in, outShape);
        } else if (l instanceof GlobalAvgPool) {
            int plane = in.dim(1) * in.dim(2);
            double[] z = new double[in.dim(0)];
            for (int ch = 0; ch < z.length; ch++) {
                for (int q = 0; q < plane; q++) {
                    z[ch] += a[ch * plane + q] / plane;
                }
            }
            return z;
        } else if (l instanceof Nonlinearity f) {
            double[] z = new double[a.length];
            for (int j = 0; j < a.length; j++) {
                z[j] = f.activation().apply(a[j]);
            }
            return z;
        } else if (l instanceof Flatten || l instanceof Dropout) {
            return a.clone();
        } else if (l instanceof LayerNorm ln) {
            return layerNorm(ln, a, in.dim(in.rank() - 1));
        } else if (l instanceof Embedding e) {
            double[] w = params.get(e.name() + ".weight");
            double[] z = new double[a.length * e.dim()];
            for (int t = 0; t < a.length; t++) {
                System.arraycopy(w, (int) a[t] * e.dim(), z, t * e.dim(), e.dim());
            }
            return z;
        } else if (l instanceof MultiHeadAttention m) {
            return attention(m, a, in.dim(0), in.dim(1));
        } else if (l instanceof PositionEmbedding p) {
            double[] w = params.get(p.name() + ".weight");
            double[] z = a.clone();
            for (int j = 0; j < z.length; j++) {
                z[j] += w[j];
            }
            return z;
        }
        throw new IllegalArgumentException("reference lacks " + l);
    }

    private double[] conv(Conv2d c, double[] a, Shape in, Shape out) {
        double[] w = params.get(c.name() + ".weight");
        double[] b = params.get(c.name() + ".bias");
        int ch = in.dim(0);
        int h = in.dim(1);
        int wd = in.dim(2);
        int k = c.kernel();
        double[] z = new double[out.size()];
        for (int f = 0; f < c.filters(); f++) {
            for (int oy = 0; oy < out.dim(1); oy++) {
                for (int ox = 0; ox < out.dim(2); ox++) {
                    double s = b == null ? 0 : b[f];
                    for (int ci = 0; ci < ch; ci++) {
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int iy = oy * c.stride() + ky * c.dilation() - c.padding();
                                int ix = ox * c.stride() + kx * c.dilation() - c.padding();
                                if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                    s += w[((f * ch + ci) * k + ky) * k + kx] * a[(ci * h + iy) * wd + ix];
                                }
                            }
                        }
                    }
                    z[(f * out.dim(1) + oy) * out.dim(2) + ox] = s;
                }
            }
        }
        return z;
    }

    private static double[] pool(Pool2d p, double[] a, Shape in, Shape out) {
        int h = in.dim(1);
        int wd = in.dim(2);
        double[] z = new double[out.size()];
        for (int ch = 0; ch < in.dim(0); ch++) {
            for (int oy = 0; oy < out.dim(1); oy++) {
                for (int ox = 0; ox < out.dim(2); ox++) {
                    double best = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    for (int ky = 0; ky < p.kernel(); ky++) {
                        for (int kx = 0; kx < p.kernel(); kx++) {
                            int iy = oy * p.stride() + ky - p.padding();
                            int ix = ox * p.stride() + kx - p.padding();
                            if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                double v = a[(ch * h + iy) * wd + ix];
                                best = Math.max(best, v);
                                sum += v;
                            }
                        }
                    }
                    z[(ch * out.dim(1) + oy) * out.dim(2) + ox] =
                            p.mode() == Pool2d.Mode.MAX ? best : sum / (p.kernel() * p.kernel());
                }
            }
        }
        return z;
    }

    /** Attention as written in the paper's formula: full score matrix, masked entries at -infinity. */
    private double[] attention(MultiHeadAttention m, double[] x, int positions, int dim) {
        int inner = m.heads() * m.headSize();
        double[][] proj = new double[3][];
        String[] names = {".query", ".key", ".value"};
        for (int p = 0; p < 3; p++) {
            proj[p] = affine(
                    x,
                    params.get(m.name() + names[p] + ".weight"),
                    params.get(m.name() + names[p] + ".bias"),
                    positions,
                    dim,
                    inner);
        }
        double[] mixed = new double[positions * inner];
        for (int h = 0; h < m.heads(); h++) {
            for (int i = 0; i < positions; i++) {
                double[] s = new double[positions];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < positions; j++) {
                    if (m.causal() && j > i) {
                        s[j] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    for (int d = 0; d < m.headSize(); d++) {
                        s[j] += proj[0][i * inner + h * m.headSize() + d] * proj[1][j * inner + h * m.headSize() + d];
                    }
                    s[j] /= Math.sqrt(m.headSize());
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < positions; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j < positions; j++) {
                    for (int d = 0; d < m.headSize(); d++) {
                        mixed[i * inner + h * m.headSize() + d] +=
                                s[j] / sum * proj[2][j * inner + h * m.headSize() + d];
                    }
                }
            }
        }
        return affine(
                mixed, params.get(m.name() + ".out.weight"), params.get(m.name() + ".out.bias"), positions, inner, dim);
    }

    private static double[] affine(double[] x, double[] w, double[] b, int positions, int in, int out) {
        double[] z = new double[positions * out];
        for (int t = 0; t < positions; t++) {
            for (int u = 0; u < out; u++) {
                double s = b[u];
                for (int j = 0; j < in; j++) {
                    s += w[u * in + j] * x[t * in + j];
                }
                z[t * out + u] = s;
            }
        }
        return z;
    }

    /** Normalises every run of {@code width} values: two passes, the textbook formula. */
    private double[] layerNorm(LayerNorm ln, double[] a, int width) {
        double[] g = params.get(ln.name() + ".weight");
        double[] b = params.get(ln.name() + ".bias");
        double[] z = new double[a.length];
        for (int off = 0; off < a.length; off += width) {
            double mean = 0;
            for (int i = 0; i < width; i++) {
                mean += a[off + i] / width;
            }
            double var = 0;
            for (int i = 0; i < width; i++) {
                var += (a[off + i] - mean) * (a[off + i] - mean) / width;
            }
            for (int i = 0; i < width; i++) {
                z[off + i] = g[i] * (a[off + i] - mean) / Math.sqrt(var + ln.epsilon()) + b[i];
            }
        }
        return z;
    }

    private double[][] batchNorm(BatchNorm bn, double[][] a, Shape in) {
        int channels = in.dim(0);
        int spatial = in.size() / channels;
        double[] g = params.get(bn.name() + ".weight");
        double[] b = params.get(bn.name() + ".bias");
        double[][] out = new double[a.length][in.size()];
        for (int ch = 0; ch < channels; ch++) {
            double mean = 0;
            for (double[] row : a) {
                for (int q = 0; q < spatial; q++) {
                    mean += row[ch * spatial + q];
                }
            }
            mean /= (double) a.length * spatial;
            double var = 0;
            for (double[] row : a) {
                for (int q = 0; q < spatial; q++) {
                    double d = row[ch * spatial + q] - mean;
                    var += d * d;
                }
            }
            var /= (double) a.length * spatial;
            for (int r = 0; r < a.length; r++) {
                for (int q = 0; q < spatial; q++) {
                    int j = ch * spatial + q;
                    out[r][j] = g[ch] * (a[r][j] - mean) / Math.sqrt(var + bn.epsilon()) + b[ch];
                }
            }
        }
        return out;
    }
}
