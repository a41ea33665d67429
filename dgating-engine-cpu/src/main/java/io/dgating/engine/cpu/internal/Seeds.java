package io.dgating.engine.cpu.internal;

/** Derivation of independent seeds from a base seed and an index (epoch, layer), without state. */
final class Seeds {

    private Seeds() {
    }

    /** A well-mixed seed for stream {@code index} of {@code base} (MurmurHash3's 64-bit finaliser). */
    static long mix(long base, long index) {
        long z = base + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
