package io.dgating.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dgating.api.ParamRef;
import io.dgating.api.gating.GateGroups;
import io.dgating.api.gating.GroupSlice;
import java.util.Arrays;

/**
 * How the gate products {@code P [groups]} of one gated layer spread over one tensor its groups
 * hold: every group takes whole positions along one axis (a dense row or column, a conv filter, a
 * bias or batch-norm entry), so the factor is a vector along that axis, broadcast over the rest.
 * When group {@code j} is position {@code j} the vector is {@code P} itself; otherwise a constant
 * one-hot {@code [groups, extent]} matrix spreads it, plus 1 for positions no group holds.
 *
 * @param gates the gate matrix's name
 * @param broadcast the factor's shape: the tensor's extent on the axis, 1 elsewhere
 * @param selector the one-hot matrix, or null when position j is group j
 * @param uncovered 1 at positions no group holds, or null when every position is grouped
 */
record GateFactor(String gates, Shape broadcast, NDArray selector, NDArray uncovered) {

    static GateFactor of(GateGroups groups, ParamRef param, int[] shape, NativeArrays staging, NDManager manager) {
        int axis = -1;
        for (var g : groups.groups()) {
            for (GroupSlice s : g) {
                if (s.param().equals(param)) {
                    if (axis >= 0 && s.axis() != axis) {
                        throw new IllegalArgumentException("groups of '" + groups.layer() + "' slice " + param
                                + " along two axes; the DJL engine spreads gates along one");
                    }
                    axis = s.axis();
                }
            }
        }
        int extent = shape[axis];
        int[] groupOf = new int[extent];
        Arrays.fill(groupOf, -1);
        for (int j = 0; j < groups.size(); j++) {
            for (int idx : groups.indicesOf(j, param, axis)) {
                groupOf[idx] = j;
            }
        }
        long[] dims = new long[shape.length];
        Arrays.fill(dims, 1);
        dims[axis] = extent;
        boolean identity = extent == groups.size();
        for (int i = 0; i < extent && identity; i++) {
            identity = groupOf[i] == i;
        }
        String gates = ParamRef.gatesOf(groups.layer()).name();
        if (identity) {
            return new GateFactor(gates, new Shape(dims), null, null);
        }
        float[] sel = new float[groups.size() * extent];
        float[] free = new float[extent];
        for (int i = 0; i < extent; i++) {
            if (groupOf[i] >= 0) {
                sel[groupOf[i] * extent + i] = 1f;
            } else {
                free[i] = 1f;
            }
        }
        return new GateFactor(
                gates,
                new Shape(dims),
                staging.copyOf(manager, sel, new Shape(groups.size(), extent)),
                staging.copyOf(manager, free, new Shape(1, extent)));
    }

    /**
     * Returns the factor that multiplies omega entry by entry (by broadcasting).
     *
     * @param products the gate products {@code [groups]}
     * @return the factor
     */
    NDArray perEntry(NDArray products) {
        if (selector == null) {
            return products.reshape(broadcast);
        }
        return products.reshape(1, -1).matMul(selector).add(uncovered).reshape(broadcast);
    }
}
