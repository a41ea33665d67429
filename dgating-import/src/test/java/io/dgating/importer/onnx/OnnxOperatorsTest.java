package io.dgating.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.model.LayerKind;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator table accounts for every layer kind: some operator becomes it, or it says why none does. */
class OnnxOperatorsTest {

    @Test
    void everyLayerKindIsImportedOrDeclaredNotImportableButNotBoth() {
        Set<LayerKind> imported = EnumSet.noneOf(LayerKind.class);
        OnnxOperators.supported().forEach(op -> imported.addAll(OnnxOperators.becomes(op)));
        Set<LayerKind> declared = OnnxOperators.notImportable().keySet();
        for (LayerKind k : LayerKind.values()) {
            assertTrue(
                    imported.contains(k) ^ declared.contains(k),
                    k + ": imported " + imported.contains(k) + ", declared not importable " + declared.contains(k));
        }
        OnnxOperators.notImportable().values().forEach(why -> assertFalse(why.isBlank()));
    }

    @Test
    void theTableNamesTheOperatorsOfACnn() {
        for (String op : Set.of("Conv", "BatchNormalization", "MaxPool", "GlobalAveragePool", "Gemm", "Add")) {
            assertTrue(OnnxOperators.supported().contains(op), op);
        }
        assertEquals(Set.of(LayerKind.CONV2D), OnnxOperators.becomes("Conv"));
        assertThrows(IllegalArgumentException.class, () -> OnnxOperators.becomes("LayerNormalization"));
    }
}
