/** Training throughput of the engines: steps per second, the arithmetic rate, and what gating costs. */
package io.dgating.bench.speed;
