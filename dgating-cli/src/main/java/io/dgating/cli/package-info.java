/**
 * The {@code dgating} command: entry point, exit codes and error reporting. Sub-packages:
 * {@code command} (one class per sub-command), {@code mixin} (shared options),
 * {@code inject} (Guice wiring of engines into picocli).
 */
package io.dgating.cli;
