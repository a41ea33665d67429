/**
 * Models trained elsewhere: {@link io.dgating.importer.OnnxModel} reads an ONNX file into the API's
 * model description with its weights, so that it can be D-Gated, fine-tuned and exported smaller.
 */
package io.dgating.importer;
