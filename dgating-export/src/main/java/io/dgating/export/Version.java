package io.dgating.export;

/** dgating's version as the jar manifest states it (development builds have none). */
final class Version {

    private Version() {}

    static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
