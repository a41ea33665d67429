/** The sub-commands of {@code dgating}: one class each, all {@code Callable<Integer>}. */
package io.dgating.cli.command;
