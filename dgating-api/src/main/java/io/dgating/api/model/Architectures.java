package io.dgating.api.model;

import io.dgating.api.Shape;
import java.util.List;

/**
 * Ready-made convolutional architectures for image classification, sized by their input shape and
 * class count. Layer names follow {@link ModelBuilder}'s scheme.
 */
public final class Architectures {

    /** The token of a 2x2 max pool in a VGG configuration. */
    public static final String VGG_POOL = "M";

    private Architectures() {}

    /**
     * Returns LeNet-5 in its modern form: conv 6@5x5 (padding 2) - ReLU - max pool 2 - conv 16@5x5 -
     * ReLU - max pool 2 - dense 120 - dense 84 - dense {@code classes}, ReLU between dense layers
     * (LeCun et al. 1998 used tanh, average pooling and a partial C3 connection table).
     *
     * @param input the image shape {@code [C, H, W]}, at least 12 x 12
     * @param classes output classes
     * @return the model
     */
    public static ModelSpec lenet5(Shape input, int classes) {
        return ModelSpec.builder(input)
                .conv(6, 5, 2)
                .activation(Activation.RELU)
                .pool(Pool2d.Mode.MAX, 2, 2)
                .conv(16, 5, 0)
                .activation(Activation.RELU)
                .pool(Pool2d.Mode.MAX, 2, 2)
                .flatten()
                .dense(120, Activation.RELU)
                .dense(84, Activation.RELU)
                .dense(classes, Activation.IDENTITY)
                .build();
    }

    /**
     * Returns a VGG-style network from a torchvision-style configuration: a number is a 3x3 conv
     * (padding 1, no bias) + batch norm + ReLU with that many filters, {@link #VGG_POOL} a 2x2 max
     * pool; then global average pool, flatten and a dense layer of {@code classes}.
     *
     * @param input the image shape
     * @param config the configuration, e.g. {@code [16, 16, M, 32, 32, M, 64, M]}
     * @param classes output classes
     * @return the model
     * @throws IllegalArgumentException for an unknown token or a configuration without any conv
     */
    public static ModelSpec vgg(Shape input, List<String> config, int classes) {
        ModelBuilder b = ModelSpec.builder(input);
        boolean conv = false;
        for (String token : config) {
            if (token.equals(VGG_POOL)) {
                b.pool(Pool2d.Mode.MAX, 2, 2);
                continue;
            }
            int filters;
            try {
                filters = Integer.parseInt(token.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "VGG configuration token '" + token + "' is neither a filter count nor " + VGG_POOL);
            }
            b.conv(filters, 3, 1, 1, false).batchNorm().activation(Activation.RELU);
            conv = true;
        }
        if (!conv) {
            throw new IllegalArgumentException("VGG configuration " + config + " has no convolution");
        }
        return b.globalAvgPool().flatten().dense(classes, Activation.IDENTITY).build();
    }

    /**
     * Returns the CIFAR-style residual network of He et al. (2016), depth {@code 6n + 2}: a 3x3 conv
     * of 16 filters + batch norm + ReLU, three stages of {@code n} basic blocks with 16, 32 and 64
     * filters (the first block of stages 2 and 3 has stride 2 and a 1x1 conv + batch norm
     * shortcut, option B), then global average pool, flatten and a dense layer.
     *
     * @param input the image shape
     * @param depth 8, 14, 20, 32, 44, 56, 110, ...
     * @param classes output classes
     * @return the model
     * @throws IllegalArgumentException unless {@code depth = 6n + 2} with {@code n >= 1}
     */
    public static ModelSpec resnet(Shape input, int depth, int classes) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("a CIFAR ResNet has depth 6n + 2 (8, 14, 20, ...), got " + depth);
        }
        int blocks = (depth - 2) / 6;
        ModelBuilder b =
                ModelSpec.builder(input).conv(16, 3, 1, 1, false).batchNorm().activation(Activation.RELU);
        int channels = 16;
        for (int stage = 0; stage < 3; stage++) {
            int filters = 16 << stage;
            for (int i = 0; i < blocks; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                String in = b.last();
                b.conv(filters, 3, stride, 1, false)
                        .batchNorm()
                        .activation(Activation.RELU)
                        .conv(filters, 3, 1, 1, false)
                        .batchNorm();
                String main = b.last();
                String shortcut = in;
                if (stride != 1 || filters != channels) {
                    b.from(in).conv(filters, 1, stride, 0, false).batchNorm();
                    shortcut = b.last();
                }
                b.add(main, shortcut).activation(Activation.RELU);
                channels = filters;
            }
        }
        return b.globalAvgPool().flatten().dense(classes, Activation.IDENTITY).build();
    }

    /**
     * A GPT for next-token prediction (pre-norm blocks as in nanoGPT): token and learned position
     * embeddings, then per layer {@code x + attention(layerNorm(x))} and {@code x + mlp(layerNorm(x))}
     * (causal multi-head self-attention; the MLP is {@code 4 * dim} GELU units), a final layer norm
     * and a vocabulary head at every position: {@code [context] ids -> [context, vocabulary]} logits.
     *
     * @param vocabulary distinct tokens
     * @param layers transformer blocks
     * @param heads attention heads per block
     * @param dim embedding width, a multiple of {@code heads}
     * @param context positions per window
     * @return the model
     * @throws IllegalArgumentException if a size is below 1 or {@code dim} is not a multiple of {@code heads}
     */
    public static ModelSpec gpt(int vocabulary, int layers, int heads, int dim, int context) {
        if (layers < 1 || heads < 1 || dim < 1 || context < 1 || vocabulary < 2) {
            throw new IllegalArgumentException("a GPT needs layers, heads, dim and context >= 1 and a vocabulary of 2 "
                    + "or more, got layers=" + layers + ", heads=" + heads + ", dim=" + dim + ", context=" + context
                    + ", vocabulary=" + vocabulary);
        }
        if (dim % heads != 0) {
            throw new IllegalArgumentException(
                    "a GPT's dim (" + dim + ") must be a multiple of its heads (" + heads + ")");
        }
        ModelBuilder b =
                ModelSpec.builder(Shape.of(context)).embedding(vocabulary, dim).positionEmbedding();
        for (int l = 0; l < layers; l++) {
            String stream = b.last();
            b.layerNorm().attention(heads, dim / heads).add(stream, b.last());
            stream = b.last();
            b.layerNorm()
                    .dense(4 * dim, Activation.GELU)
                    .dense(dim, Activation.IDENTITY)
                    .add(stream, b.last());
        }
        return b.layerNorm().dense(vocabulary, Activation.IDENTITY).build();
    }
}
