package io.dgating.api.gating;

import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.ChannelFlow;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Which layers carry the same channels: a layer of {@link ChannelFlow#PER_CHANNEL} flow (batch
 * norms, activations, pools, dropout) keeps channel {@code c} of its input as its channel {@code c},
 * and one of {@link ChannelFlow#JOIN} flow (a residual add) makes channel {@code c} of all its inputs
 * one channel. The layers so linked form a component; every
 * convolution writing into it produces the same channels, so a filter group has to span all of
 * them (Torch-Pruning's dependency graph makes the same cut). A component is owned by its first
 * convolution in model order, which carries the gate spec.
 */
public final class ChannelCoupling {

    private final ModelSpec model;
    private final int[] parent;

    /**
     * Finds the components of a model.
     *
     * @param model the model
     */
    public ChannelCoupling(ModelSpec model) {
        this.model = model;
        int n = model.layers().size();
        parent = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            ChannelFlow flow = model.layers().get(i).channelFlow();
            if (flow == ChannelFlow.PER_CHANNEL || flow == ChannelFlow.JOIN) {
                for (int s : model.sourcesOf(i)) {
                    union(i, s);
                }
            }
        }
    }

    // node n stands for the model input (source -1)
    private int node(int index) {
        return index < 0 ? parent.length - 1 : index;
    }

    private int find(int index) {
        int x = node(index);
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private void union(int a, int b) {
        parent[find(a)] = find(b);
    }

    /**
     * Returns the positions of the layers in the component of layer {@code index}, ascending.
     *
     * @param index a layer's position
     * @return the component's layers
     */
    public List<Integer> component(int index) {
        List<Integer> out = new ArrayList<>();
        int root = find(index);
        for (int i = 0; i < model.layers().size(); i++) {
            if (find(i) == root) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Returns one position that stands for the component of {@code index}: -1 when the component
     * holds the model input, else its first layer.
     *
     * @param index a layer's position, or -1 for the model input
     * @return the component's representative
     */
    public int representative(int index) {
        if (joinsInput(index)) {
            return -1;
        }
        return component(index).get(0);
    }

    /**
     * Returns whether the component of layer {@code index} contains the model's input (its channels
     * are added to the input's, so no filter of it can be removed).
     *
     * @param index a layer's position
     * @return true if joined with the input
     */
    public boolean joinsInput(int index) {
        return find(index) == find(-1);
    }

    /**
     * Returns the convolutions whose output channels the component of {@code index} carries.
     *
     * @param index a layer's position
     * @return their positions, ascending
     */
    public List<Integer> convolutions(int index) {
        return component(index).stream()
                .filter(i -> model.layers().get(i) instanceof Conv2d)
                .toList();
    }

    /**
     * Returns the batch norms on the component of {@code index}.
     *
     * @param index a layer's position
     * @return their positions, ascending
     */
    public List<Integer> batchNorms(int index) {
        return component(index).stream()
                .filter(i -> model.layers().get(i) instanceof BatchNorm)
                .toList();
    }

    /**
     * Returns the convolutions that own a component (the first convolution of each), in model
     * order: gating these with filter groups gates every filter of the model once.
     *
     * @return the owners' names
     */
    public List<String> owners() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            if (model.layers().get(i) instanceof Conv2d c && convolutions(i).get(0) == i && !joinsInput(i)) {
                out.add(c.name());
            }
        }
        return out;
    }
}
