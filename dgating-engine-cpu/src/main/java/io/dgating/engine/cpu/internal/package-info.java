/**
 * The CPU engine's network: layers with hand-written forward and backward passes, the
 * D-Gating reparametrisation of dense weights, loss heads, optimizers and the training
 * loop. Not API: nothing outside this module may use it.
 */
package io.dgating.engine.cpu.internal;
