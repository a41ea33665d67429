/**
 * In-memory datasets, their train/validation/test splits with train-fitted standardisation,
 * and readers for numeric CSV tables, IDX image files (MNIST, Fashion-MNIST) and the
 * bundled tabular sets.
 */
package io.dgating.api.data;
