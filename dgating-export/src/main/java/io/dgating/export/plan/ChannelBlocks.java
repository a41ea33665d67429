package io.dgating.export.plan;

import io.dgating.api.model.ModelSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rounds the channel sets that convolutions read up to whole blocks. ONNX Runtime's x86
 * convolutions run fastest on channels in blocks of 8 (NCHWc) and take an input of more than 8
 * channels that is not a multiple of 8 to a slower kernel, with layout reorders around it: a
 * compact VGG whose third convolution read 13 channels spent a third of its time there. Computing
 * a few removed channels again costs less. It stays exact: an added channel is one the plan
 * dropped because nothing needs it or it is a known constant, and computing it gives that value.
 * Sets of at most half a block stay as they are (see {@link #align}).
 */
final class ChannelBlocks {

    private ChannelBlocks() {}

    /**
     * Grows, in place, every coupled channel set of more than {@code block / 2} channels that a layer
     * read in channel blocks reads ({@link LayerRule#readsInChannelBlocks()}) to a multiple of
     * {@code block} channels (or all of them), adding the lowest dropped indices. The model input's
     * channels are taken as they come and never grow.
     *
     * @param plan the plan (its rules say which layers read in blocks)
     * @param rep per layer, its coupled set's representative (-1: the set of the model input)
     * @param keep per representative, the channels kept
     * @param block channels per block
     * @return one note per grown set
     */
    static List<String> align(Plan plan, int[] rep, Map<Integer, boolean[]> keep, int block) {
        ModelSpec model = plan.model();
        int end = model.layers().size();
        List<String> notes = new ArrayList<>();
        Set<Integer> done = new HashSet<>();
        if (block <= 1) {
            return notes;
        }
        for (int i = 0; i < end; i++) {
            // each coupled set once, from its first layer
            if (rep[i] < 0 || !done.add(rep[i]) || !readInBlocks(plan, rep, rep[i])) {
                continue;
            }
            boolean[] k = keep.get(rep[i]);
            int count = 0;
            for (boolean b : k) {
                count += b ? 1 : 0;
            }
            int target = Math.min(k.length, (count + block - 1) / block * block);
            // ONNX Runtime reads fewer than 8 channels in place (no blocks); padding 3 channels to 8
            // made the next convolution of a compact VGG 60% slower, 6 to 8 made the model faster
            if (count <= block / 2 || count == target) {
                continue;
            }
            for (int ch = 0, added = count; ch < k.length && added < target; ch++) {
                if (!k[ch]) {
                    k[ch] = true;
                    added++;
                }
            }
            notes.add(model.layers().get(i).name() + ": " + count + " kept channels computed as " + target
                    + " (whole blocks of " + block + " for ONNX Runtime's blocked convolutions; the "
                    + (target - count) + " added are removed channels, computed exactly)");
        }
        return notes;
    }

    private static boolean readInBlocks(Plan plan, int[] rep, int component) {
        ModelSpec model = plan.model();
        for (int i = 0; i < model.layers().size(); i++) {
            if (rep[i] != component) {
                continue;
            }
            for (int j : model.consumersOf(i)) {
                if (plan.rule(j).readsInChannelBlocks()) {
                    return true;
                }
            }
        }
        return false;
    }
}
