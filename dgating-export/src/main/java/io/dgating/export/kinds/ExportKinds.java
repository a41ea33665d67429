package io.dgating.export.kinds;

import io.dgating.api.model.Add;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Dropout;
import io.dgating.api.model.Embedding;
import io.dgating.api.model.Flatten;
import io.dgating.api.model.GlobalAvgPool;
import io.dgating.api.model.LayerNorm;
import io.dgating.api.model.LayerVisitor;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.api.model.Multiply;
import io.dgating.api.model.Nonlinearity;
import io.dgating.api.model.Pool2d;
import io.dgating.api.model.PositionEmbedding;
import io.dgating.export.plan.LayerRule;

/**
 * The exporter's registry of layer kinds: a fresh rule per layer, one class per kind. It implements
 * {@link LayerVisitor}, so a kind without a rule does not compile.
 */
public final class ExportKinds implements LayerVisitor<LayerRule> {

    @Override
    public LayerRule dense(Dense layer) {
        return new DenseRule(layer);
    }

    @Override
    public LayerRule conv2d(Conv2d layer) {
        return new Conv2dRule(layer);
    }

    @Override
    public LayerRule batchNorm(BatchNorm layer) {
        return new BatchNormRule(layer);
    }

    @Override
    public LayerRule layerNorm(LayerNorm layer) {
        return new LayerNormRule(layer);
    }

    @Override
    public LayerRule pool2d(Pool2d layer) {
        return new Pool2dRule(layer);
    }

    @Override
    public LayerRule globalAvgPool(GlobalAvgPool layer) {
        return new GlobalAvgPoolRule(layer);
    }

    @Override
    public LayerRule nonlinearity(Nonlinearity layer) {
        return new NonlinearityRule(layer);
    }

    @Override
    public LayerRule add(Add layer) {
        return new AddRule(layer);
    }

    @Override
    public LayerRule multiply(Multiply layer) {
        return new MultiplyRule(layer);
    }

    @Override
    public LayerRule dropout(Dropout layer) {
        return new DropoutRule(layer);
    }

    @Override
    public LayerRule flatten(Flatten layer) {
        return new FlattenRule(layer);
    }

    @Override
    public LayerRule embedding(Embedding layer) {
        return new EmbeddingRule(layer);
    }

    @Override
    public LayerRule positionEmbedding(PositionEmbedding layer) {
        return new PositionEmbeddingRule(layer);
    }

    @Override
    public LayerRule attention(MultiHeadAttention layer) {
        return new AttentionRule(layer);
    }
}
