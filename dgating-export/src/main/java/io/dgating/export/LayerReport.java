package io.dgating.export;

import io.dgating.api.gating.GroupKind;
import java.util.List;

/**
 * One layer's line of the pruning report: its groups, and what the compact model keeps of it.
 *
 * @param layer layer name
 * @param kind gated grouping (a coupled convolution shows its owner's), or null when not gated
 * @param groups groups before pruning (0 when not gated, or gated through another layer's groups)
 * @param removedGroups groups whose norm is below eps
 * @param almostZero groups with {@code eps <= norm < 1e-3}
 * @param unitsBefore output units (filters, heads) before
 * @param unitsAfter output units (filters, heads) the compact model computes
 * @param inputsBefore input channels before
 * @param inputsAfter input channels the compact layer reads
 * @param macsBefore multiply-adds per example before
 * @param macsAfter multiply-adds per example after
 * @param coupledWith the other layers whose filters share this layer's groups (residual joins)
 */
public record LayerReport(
        String layer,
        GroupKind kind,
        int groups,
        int removedGroups,
        int almostZero,
        int unitsBefore,
        int unitsAfter,
        int inputsBefore,
        int inputsAfter,
        long macsBefore,
        long macsAfter,
        List<String> coupledWith) {

    /**
     * Copies the list.
     *
     * @param layer layer name
     * @param kind gated grouping (a coupled convolution shows its owner's), or null when not gated
     * @param groups groups before pruning (0 when not gated, or gated through another layer's groups)
     * @param removedGroups groups whose norm is below eps
     * @param almostZero groups with {@code eps <= norm < 1e-3}
     * @param unitsBefore output units (filters, heads) before
     * @param unitsAfter output units (filters, heads) the compact model computes
     * @param inputsBefore input channels before
     * @param inputsAfter input channels the compact layer reads
     * @param macsBefore multiply-adds per example before
     * @param macsAfter multiply-adds per example after
     * @param coupledWith the other layers whose filters share this layer's groups (residual joins)
     */
    public LayerReport {
        coupledWith = List.copyOf(coupledWith);
    }
}
