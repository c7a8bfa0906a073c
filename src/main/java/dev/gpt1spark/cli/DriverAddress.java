package dev.gpt1spark.cli;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the driver listens. An embedded Spark, {@code local[N]} and a standalone master on a
 * loopback address stay on loopback, so nothing a local job opens is reachable from the network.
 * For any other master Spark's own rules decide ({@code SPARK_LOCAL_IP}, {@code spark.driver.host}
 * and {@code spark.driver.bindAddress}, else the host's name): executors on other hosts must be
 * able to connect back to the driver.
 */
final class DriverAddress {
    static final String LOOPBACK = "127.0.0.1";

    private static final Pattern LOOPBACK_MASTER =
            Pattern.compile("spark://(localhost|127(\\.\\d{1,3}){3}|\\[::1\\])(:\\d+)?(,.*)?");

    private DriverAddress() {}

    /** True for masters whose executors all run on this machine's loopback. */
    static boolean isLocal(String master) {
        String m = master.strip().toLowerCase(Locale.ROOT);
        return m.equals("local")
                || m.startsWith("local[")
                || m.startsWith("local-cluster[")
                || LOOPBACK_MASTER.matcher(m).matches();
    }

    /**
     * Pins an embedded Spark's driver to loopback unless the user chose an address ({@code
     * SPARK_LOCAL_IP} or the driver settings).
     */
    static void pinToLoopback(Map<String, String> conf, Map<String, String> env) {
        String localIp = env.get("SPARK_LOCAL_IP");
        String address = localIp != null && !localIp.isBlank() ? localIp : LOOPBACK;
        conf.putIfAbsent("spark.driver.host", address);
        conf.putIfAbsent("spark.driver.bindAddress", address);
    }
}
