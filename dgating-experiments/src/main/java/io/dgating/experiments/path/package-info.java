/**
 * The sparsity-accuracy path: one training per (D, lambda), each exported and measured, so
 * that accuracy can be plotted against groups kept and theoretical speed-up.
 *
 * @serial exclude
 */
package io.dgating.experiments.path;
