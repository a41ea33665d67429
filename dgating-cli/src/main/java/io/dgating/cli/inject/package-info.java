/** Guice wiring of the command line: picocli asks Guice for commands, Guice knows the engines. */
package io.dgating.cli.inject;
