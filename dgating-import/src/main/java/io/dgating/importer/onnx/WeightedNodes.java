package io.dgating.importer.onnx;

import io.dgating.api.ParamRef;
import io.dgating.api.Tensor;
import io.dgating.api.model.Activation;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dense;
import io.dgating.api.model.LayerSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The nodes that carry weights (Gemm and MatMul, Conv, BatchNormalization): their layer and its tensors. */
final class WeightedNodes {

    /** A layer read from one node, with its parameters by name. */
    record Imported(LayerSpec layer, Map<String, Tensor> weights) {}

    private WeightedNodes() {}

    static Imported dense(OnnxNode n, Map<String, ConstTensor> constants, LayerNames names) {
        String wName = n.inputs().get(1);
        ConstTensor w = constants.get(wName);
        if (w == null || w.dims().length != 2) {
            throw new NodeProblem(n, "its weight is not a constant matrix");
        }
        boolean gemm = n.op().equals("Gemm");
        if (gemm && n.integer("transA", 0) != 0) {
            throw new NodeProblem(n, "transA = 1 is not supported");
        }
        boolean transB = gemm && n.integer("transB", 0) != 0;
        int units = (int) (transB ? w.dims()[0] : w.dims()[1]);
        int in = (int) (transB ? w.dims()[1] : w.dims()[0]);
        double alpha = gemm ? n.real("alpha", 1.0) : 1.0;
        float[] wt = new float[units * in];
        for (int u = 0; u < units; u++) {
            for (int i = 0; i < in; i++) {
                wt[u * in + i] = (float) (alpha * (transB ? w.floats()[u * in + i] : w.floats()[i * units + u]));
            }
        }
        float[] bias = null;
        if (gemm && n.inputs().size() > 2 && !n.inputs().get(2).isEmpty()) {
            ConstTensor c = constants.get(n.inputs().get(2));
            if (c == null || c.size() != units) {
                throw new NodeProblem(n, "its bias C is not a constant vector of " + units + " values");
            }
            double beta = n.real("beta", 1.0);
            bias = new float[units];
            for (int u = 0; u < units; u++) {
                bias[u] = (float) (beta * c.floats()[u]);
            }
        }
        Dense d = new Dense(names.of(n, wName), units, Activation.IDENTITY, bias != null);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put(d.weightParam().name(), new Tensor(new int[] {units, in}, wt));
        if (bias != null) {
            weights.put(d.biasParam().name(), new Tensor(new int[] {units}, bias));
        }
        return new Imported(d, weights);
    }

    static Imported conv(OnnxNode n, Map<String, ConstTensor> constants, LayerNames names, int inputPad) {
        String wName = n.inputs().get(1);
        ConstTensor w = constants.get(wName);
        if (w == null || w.dims().length != 4) {
            throw new NodeProblem(
                    n, "its weight is not a constant [filters, channels, kh, kw] tensor (only 2-D convolutions)");
        }
        if (n.integer("group", 1) != 1) {
            throw new NodeProblem(n, "grouped or depthwise convolution (group = " + n.integer("group", 1) + ")");
        }
        if (!n.string("auto_pad", "NOTSET").equals("NOTSET")) {
            throw new NodeProblem(n, "auto_pad " + n.string("auto_pad", "") + "; export with explicit pads");
        }
        int k = (int) w.dims()[2];
        if (w.dims()[3] != k) {
            throw new NodeProblem(n, "a " + k + "x" + w.dims()[3] + " kernel; only square kernels");
        }
        int stride = square(n, "strides");
        int dilation = square(n, "dilations");
        int padding = symmetricPads(n) + inputPad;
        boolean hasBias = n.inputs().size() > 2 && !n.inputs().get(2).isEmpty();
        Conv2d conv = new Conv2d(names.of(n, wName), (int) w.dims()[0], k, stride, padding, dilation, hasBias);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put(
                conv.weightParam().name(), new Tensor(w.intDims(), w.floats().clone()));
        if (hasBias) {
            ConstTensor b = constants.get(n.inputs().get(2));
            if (b == null || b.size() != conv.filters()) {
                throw new NodeProblem(n, "its bias is not a constant vector of " + conv.filters() + " values");
            }
            weights.put(
                    conv.biasParam().name(),
                    new Tensor(new int[] {conv.filters()}, b.floats().clone()));
        }
        return new Imported(conv, weights);
    }

    static Imported batchNorm(OnnxNode n, Map<String, ConstTensor> constants, LayerNames names) {
        if (n.integer("training_mode", 0) != 0) {
            throw new NodeProblem(n, "training-mode batch norm; export the model in eval mode");
        }
        ConstTensor[] p = new ConstTensor[4];
        for (int i = 0; i < 4; i++) {
            p[i] = constants.get(n.inputs().get(i + 1));
            if (p[i] == null) {
                throw new NodeProblem(n, "input " + (i + 1) + " is not a constant");
            }
        }
        String name = names.of(n, n.inputs().get(1));
        // ONNX keeps momentum of the running value (PyTorch exports 1 - its momentum); dgating's is the batch's weight
        double momentum = 1.0 - n.real("momentum", 0.9);
        BatchNorm bn = new BatchNorm(
                name, momentum > 0 && momentum <= 1 ? momentum : BatchNorm.DEFAULT_MOMENTUM, n.real("epsilon", 1e-5));
        Map<String, Tensor> weights = new LinkedHashMap<>();
        int c = p[0].size();
        // ONNX's order: scale, bias (shift), mean, var
        ParamRef[] refs = {bn.scaleParam(), bn.shiftParam(), bn.runningMeanParam(), bn.runningVarParam()};
        for (int i = 0; i < 4; i++) {
            if (p[i].size() != c) {
                throw new NodeProblem(n, "its parameters have different lengths");
            }
            weights.put(refs[i].name(), new Tensor(new int[] {c}, p[i].floats().clone()));
        }
        return new Imported(bn, weights);
    }

    static int square(OnnxNode n, String key) {
        long[] v = n.integers(key, new long[] {1, 1});
        if (v.length != 2 || v[0] != v[1]) {
            throw new NodeProblem(n, key + " " + Arrays.toString(v) + "; only equal values for H and W");
        }
        return (int) v[0];
    }

    static int symmetricPads(OnnxNode n) {
        long[] p = n.integers("pads", new long[] {0, 0, 0, 0});
        if (p.length != 4 || p[0] != p[1] || p[0] != p[2] || p[0] != p[3]) {
            throw new NodeProblem(n, "pads " + Arrays.toString(p) + "; only equal padding on every side");
        }
        return (int) p[0];
    }
}
