/** The DJL engine's network, optimizer and training loop. Not API. */
package io.dgating.engine.djl.internal;
