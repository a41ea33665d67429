package io.dgating.export.prune;

import io.dgating.api.model.Conv2d;
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
     * Grows, in place, every coupled channel set of more than {@code block / 2} channels read by a
     * convolution to a multiple of {@code block} channels (or all of them), adding the lowest
     * dropped indices.
     *
     * @param model the model
     * @param end the first layer after the trunk
     * @param rep per trunk layer, its coupled set's representative
     * @param keep per representative, the channels kept
     * @param block channels per block
     * @return one note per grown set
     */
    static List<String> align(ModelSpec model, int end, int[] rep, Map<Integer, boolean[]> keep, int block) {
        List<String> notes = new ArrayList<>();
        Set<Integer> done = new HashSet<>();
        if (block <= 1) {
            return notes;
        }
        for (int i = 0; i < end; i++) {
            // each coupled set once, from its first layer
            if (!done.add(rep[i]) || !readByConvolution(model, end, rep, rep[i])) {
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

    private static boolean readByConvolution(ModelSpec model, int end, int[] rep, int component) {
        for (int i = 0; i < end; i++) {
            if (rep[i] != component) {
                continue;
            }
            for (int j : model.consumersOf(i)) {
                if (j < end && model.layers().get(j) instanceof Conv2d) {
                    return true;
                }
            }
        }
        return false;
    }
}
