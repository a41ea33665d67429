/**
 * The pure-Java CPU engine: always available, the default. {@link io.dgating.engine.cpu.CpuEngine}
 * trains on a spinning worker pool it owns ({@link io.dgating.engine.cpu.kernel.WorkerPool}); {@link io.dgating.engine.cpu.CpuEngineProvider}
 * registers it with {@link java.util.ServiceLoader}; {@link io.dgating.engine.cpu.CpuEngineModule}
 * binds it for Guice.
 */
package io.dgating.engine.cpu;
