/** Options shared by several commands. */
package io.dgating.cli.mixin;
