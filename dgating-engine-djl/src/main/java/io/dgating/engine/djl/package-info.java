/**
 * The DJL + PyTorch engine: the same model description, gating and training rules as the CPU
 * engine, computed by PyTorch with autograd doing the D-Gating chain rule. Uses a GPU when DJL
 * sees one ({@code device auto}). PyTorch's native library comes from a Maven Central jar; DJL
 * is put in offline mode before it starts, so it never downloads or phones home.
 */
package io.dgating.engine.djl;
