/**
 * Engine-agnostic concepts of dgating: tensors and the marker for extension points.
 *
 * <p>Sub-packages name the concepts a user works with: {@code model} (what network),
 * {@code gating} (which groups are D-Gated and how strongly), {@code data} (datasets and
 * their readers), {@code train} (how to train and what comes out) and {@code engine}
 * (the SPI an engine implements). Nothing here depends on an engine, on Guice or on any
 * native library; only {@code jakarta.inject} annotations are used.
 *
 * <p>Value types here are {@code Serializable} only so that a distributed executor can ship an
 * experiment's units; their serialized form is no published format (result files are).
 *
 * @serial exclude
 */
package io.dgating.api;
