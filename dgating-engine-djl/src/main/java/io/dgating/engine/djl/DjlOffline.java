package io.dgating.engine.djl;

/**
 * Keeps DJL offline: without {@code ai.djl.offline=true} it contacts a cloud metadata address
 * and a telemetry bucket when the engine starts, and may try to download PyTorch. Set before
 * any DJL class initialises.
 */
final class DjlOffline {

    private DjlOffline() {}

    static void ensure() {
        System.setProperty("ai.djl.offline", "true");
    }
}
