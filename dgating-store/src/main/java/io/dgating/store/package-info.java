/**
 * The files dgating writes and reads back: training results in the versioned {@code .dgr} format
 * ({@link io.dgating.store.TrainingResultFile}) and checkpoints ({@code .dgc}), so that export,
 * evaluation and resumed training can start from a file; model descriptions
 * ({@link io.dgating.store.ModelJson}); and {@link io.dgating.store.AtomicFiles}, through which
 * every output file is written (temporary file, then move).
 */
package io.dgating.store;
