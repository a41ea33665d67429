/**
 * Saving and loading training results in the versioned {@code .dgr} format (see
 * {@link io.dgating.export.result.TrainingResultFile}), so that export, evaluation and resumed
 * training can start from a file.
 */
package io.dgating.export.result;
