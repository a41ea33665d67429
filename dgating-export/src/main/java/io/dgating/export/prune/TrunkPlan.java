package io.dgating.export.prune;

import io.dgating.api.ParameterSet;
import java.util.List;

/**
 * What the compact model keeps of a network's trunk (the layers before its final dense chain):
 * the channels every layer's output keeps, the parameters with removed groups set to exactly
 * zero, and the signal (live or constant channels) the trunk hands to the chain.
 *
 * @param kept per trunk layer, the original indices of the output channels the compact model computes
 * @param params inference parameters (gates collapsed) with every removed group zero
 * @param output the channel states of the trunk's last output, flattened as the chain reads them
 * @param reports per convolution and attention layer: filters or heads, groups, multiply-adds before and after
 * @param signals per trunk layer, which output channels are a known constant (and its value)
 * @param keptHeads per attention layer of the trunk, the original indices of the heads the compact model computes
 * @param notes what the plan computes beyond the channels its readers need, and why
 */
public record TrunkPlan(
        List<int[]> kept,
        ParameterSet params,
        Signal output,
        List<LayerPlan.Report> reports,
        List<Signal> signals,
        java.util.Map<String, int[]> keptHeads,
        List<String> notes) {

    /**
     * Copies the lists.
     *
     * @param kept per trunk layer, the original indices of the output channels the compact model computes
     * @param params inference parameters (gates collapsed) with every removed group zero
     * @param output the channel states of the trunk's last output, flattened as the chain reads them
     * @param reports per convolution and attention layer: filters or heads, groups, multiply-adds before and after
     * @param signals per trunk layer, which output channels are a known constant (and its value)
     * @param keptHeads per attention layer of the trunk, the original indices of the heads the compact model computes
     * @param notes what the plan computes beyond the channels its readers need, and why
     */
    public TrunkPlan {
        kept = kept.stream().map(int[]::clone).toList();
        keptHeads = java.util.Map.copyOf(keptHeads);
        reports = List.copyOf(reports);
        signals = List.copyOf(signals);
        notes = List.copyOf(notes);
    }

    /**
     * Returns the kept output channels of trunk layer {@code i}.
     *
     * @param i a trunk layer's position
     * @return original channel indices, ascending
     */
    public int[] keptOf(int i) {
        return kept.get(i).clone();
    }

    /**
     * Returns the heads an attention layer of the trunk keeps.
     *
     * @param layer the attention layer's name
     * @return original head indices, ascending
     */
    public int[] keptHeadsOf(String layer) {
        return keptHeads.get(layer).clone();
    }
}
