/**
 * Float32 matrix kernels on row-major {@code float[]} storage with explicit offsets and
 * leading dimensions. {@link io.dgating.engine.cpu.kernel.Gemm} is the single-threaded
 * cache-blocked product; {@link io.dgating.engine.cpu.kernel.GemmMt} splits the output into
 * disjoint tiles on a {@link io.dgating.engine.cpu.kernel.WorkerPool}. Every output element is summed over k in the
 * same order whatever the tiling or thread count, so results are bit-identical across
 * thread counts.
 */
package io.dgating.engine.cpu.kernel;
