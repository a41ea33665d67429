package io.dgating.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void sizeRankEqualityAndCopies() {
        Shape image = Shape.of(1, 28, 28);
        assertEquals(784, image.size());
        assertEquals(3, image.rank());
        assertEquals(28, image.dim(2));
        assertEquals(1, Shape.of().size(), "a scalar has one element");
        assertEquals(0, Shape.of(3, 0).size());
        assertEquals(Shape.of(1, 28, 28), image);
        assertEquals(Shape.of(1, 28, 28).hashCode(), image.hashCode());
        assertNotEquals(Shape.of(784), image);
        assertEquals("[1, 28, 28]", image.toString());
        int[] dims = {2, 3};
        Shape s = new Shape(dims);
        dims[0] = 9;
        s.dims()[1] = 9;
        assertEquals(Shape.of(2, 3), s, "the record copies in and out");
    }

    @Test
    void rejectsNegativeAndOverflowingDimensions() {
        assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(65536, 65536));
    }
}
