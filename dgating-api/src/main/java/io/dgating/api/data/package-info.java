/**
 * In-memory datasets, their train/validation/test splits with train-fitted standardisation,
 * and readers for numeric CSV tables, IDX image files (MNIST, Fashion-MNIST) and the
 * bundled tabular sets.
 *
 * <p>Value types here are {@code Serializable} only so that a distributed executor can ship an
 * experiment's units; their serialized form is no published format (result files are).
 *
 * @serial exclude
 */
package io.dgating.api.data;
