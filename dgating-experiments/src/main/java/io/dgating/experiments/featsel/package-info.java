/**
 * The paper's feature-selection experiment (LeNet-300-100, one gate per input pixel) as a
 * reproducible harness: lambda paths per D (each lambda trained from scratch), the model with at most k pixels taken
 * from each path, fine-tuned, and scored through ONNX Runtime beside an L1-logistic selection
 * baseline.
 *
 * @serial exclude
 */
package io.dgating.experiments.featsel;
