/**
 * The DJL engine's network, optimizer and training loop. Not API.
 *
 * <h2>Who owns which PyTorch array</h2>
 * Native memory is freed by closing arrays, never by the garbage collector, and an array must
 * stay open as long as PyTorch may read it. The rules, each one a failure mode seen or ruled out:
 * <ul>
 *   <li><b>Parameters, optimizer state</b> and the network's constant group selectors are created
 *   in the training's parameter manager before any step scope opens, and change only in place ({@code subi}, {@code muli},
 *   {@code addi} return their receiver, so no new handle is made); they are closed with that
 *   manager when training returns. Nothing else is ever created in that manager outside a step.</li>
 *   <li><b>Step arrays</b>: every step runs inside an {@code NDScope} and a step sub-manager.
 *   Every array made during the step is closed when the step ends, after backward and the
 *   optimizer are done with it: inputs, activations, collapsed weights, the loss, scalars, and
 *   the handles that {@code getGradient()} returns. Arrays that DJL attaches to the parameter
 *   manager during a step (gradient handles, penalty terms) are closed by the scope, not by the
 *   manager. No step array is stored in a field, returned, or used after its step.</li>
 *   <li><b>Java memory</b>: no array of this engine is a view of Java memory. DJL's
 *   {@code NDManager.create(float[])} returns a view of a Java direct buffer ({@code from_blob})
 *   that the garbage collector frees when the DJL array is closed and unreachable, even while an
 *   autograd node still holds the tensor; so data is copied into PyTorch-owned memory at once,
 *   through a staging buffer that lives as long as its network
 *   ({@link io.dgating.engine.djl.internal.NativeArrays}), and scalars are made by PyTorch
 *   ({@link io.dgating.engine.djl.internal.Scalars}). DJL's {@code Number} overloads
 *   ({@code mul(Number)}, {@code div(Number)}, ...) create a Java-backed scalar and close it before
 *   backward reads it: that made training read freed memory whenever a garbage collection fell
 *   between forward and backward (random NaN, or silently wrong parameters).
 *   {@code ArchitectureTest} forbids both the overloads and {@code create} outside
 *   {@code NativeArrays}.</li>
 *   <li><b>Gradients</b>: PyTorch accumulates into each parameter's {@code .grad}; every step
 *   zeroes the network's own parameters' gradients before its forward pass. A {@code getGradient()}
 *   handle shares the gradient's storage and is read only within its step.</li>
 *   <li><b>Recording</b>: autograd records only inside a {@code GradientCollector}; training and
 *   prediction turn recording off on the calling thread ({@code GradMode}), since PyTorch starts
 *   every thread with recording on.</li>
 * </ul>
 */
package io.dgating.engine.djl.internal;
