package io.dgating.engine.cpu.kernel;

import java.util.Optional;

/**
 * Chooses the tile kernel once per JVM: the SIMD kernel when the module
 * {@code jdk.incubator.vector} is in the boot layer (start the JVM with
 * {@code --add-modules jdk.incubator.vector}; the {@code dgating} launcher does) and the
 * system property {@code dgating.cpu.simd} is not {@code false}; otherwise the scalar kernel,
 * with a single warning saying how to get the faster one.
 */
public final class TileKernels {

    /** System property that disables the SIMD kernel when set to {@code false}. */
    public static final String SIMD_PROPERTY = "dgating.cpu.simd";

    private static final System.Logger LOG = System.getLogger(TileKernels.class.getName());

    private TileKernels() {}

    /**
     * Returns the kernel chosen for this JVM.
     *
     * @return the SIMD kernel if available and allowed, else the scalar one
     */
    public static TileKernel preferred() {
        return Holder.KERNEL;
    }

    /** {@return the portable scalar kernel} */
    public static TileKernel scalar() {
        return ScalarTileKernel.INSTANCE;
    }

    /**
     * Returns the SIMD kernel, if this JVM can run it.
     *
     * @return the kernel, or empty without the vector module
     */
    public static Optional<TileKernel> simd() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Optional.empty();
        }
        try {
            // loaded by name: the class links against jdk.incubator.vector, absent on a default JVM
            return Optional.of((TileKernel) Class.forName("io.dgating.engine.cpu.kernel.VectorTileKernel")
                    .getDeclaredConstructor()
                    .newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "SIMD kernel failed to load (" + e + "); using the scalar kernel");
            return Optional.empty();
        }
    }

    /** Lazy, thread-safe, once per JVM. */
    private static final class Holder {
        static final TileKernel KERNEL = choose();

        private static TileKernel choose() {
            if ("false".equalsIgnoreCase(System.getProperty(SIMD_PROPERTY))) {
                return ScalarTileKernel.INSTANCE;
            }
            return simd().orElseGet(() -> {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "dgating CPU engine: the module jdk.incubator.vector is not "
                                + "enabled, so matrix products use the slower scalar kernel; start the JVM with "
                                + "--add-modules jdk.incubator.vector for the SIMD kernel");
                return ScalarTileKernel.INSTANCE;
            });
        }
    }
}
