package io.dgating.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProviderTest {

    @Test
    void parsesTheNamesUsersType() {
        assertEquals(Provider.CPU, Provider.parse("cpu"));
        assertEquals(Provider.CPU, Provider.parse("CPU"));
        assertEquals(Provider.CUDA, Provider.parse("cuda"));
        assertEquals(Provider.CUDA, Provider.parse("gpu"));
        assertEquals(
                "--provider must be cpu or cuda, got 'tpu'",
                assertThrows(IllegalArgumentException.class, () -> Provider.parse("tpu"))
                        .getMessage());
    }
}
