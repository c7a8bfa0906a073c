package dev.gpt1spark;

/** Keeps DJL from reaching the network: no model zoo downloads, no usage call-home. */
public final class Offline {
    private Offline() {}

    /** Sets {@code ai.djl.offline=true} unless the user chose otherwise explicitly. */
    public static void ensure() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
