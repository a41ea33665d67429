/**
 * The engine SPI. An engine trains a {@link io.dgating.api.train.TrainingRequest} into a
 * {@link io.dgating.api.train.TrainingResult} and runs forward passes; an
 * {@link io.dgating.api.engine.EngineProvider} describes an engine cheaply and creates it on
 * demand; the {@link io.dgating.api.engine.EngineRegistry} picks one. Engines register their
 * provider with {@link java.util.ServiceLoader} and with a Guice module of their own.
 *
 * <p>Value types here are {@code Serializable} only so that a distributed executor can ship an
 * experiment's units; their serialized form is no published format (result files are).
 *
 * @serial exclude
 */
package io.dgating.api.engine;
