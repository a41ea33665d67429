package io.dgating.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class LayerReportAssert {

    private LayerReportAssert() {}

    static void units(ExportedModel m, String layer, int before, int after) {
        LayerReport r = m.report().layers().stream()
                .filter(l -> l.layer().equals(layer))
                .findFirst()
                .orElseThrow();
        assertEquals(before, r.unitsBefore(), layer + " units before");
        assertEquals(after, r.unitsAfter(), layer + " units after");
    }
}
