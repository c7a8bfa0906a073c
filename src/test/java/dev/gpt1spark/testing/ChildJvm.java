package dev.gpt1spark.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * JVM options for the short-lived JVMs the tests start: the gpt1 launcher, spark-submit, Spark's
 * drivers, executors and daemons, HDFS and S3Proxy. They are pom.xml's {@code it.jvm.options} (the
 * quick JIT only), which failsafe passes as {@value #PROPERTY}; none where that is unset. What the
 * tests check (rows, messages, exit codes) does not depend on the JIT.
 */
public final class ChildJvm {
    static final String PROPERTY = "gpt1.it.jvmOptions";

    /** The options, as JVM arguments. */
    public static final List<String> OPTIONS =
            Arrays.stream(System.getProperty(PROPERTY, "").strip().split("\\s+"))
                    .filter(o -> !o.isEmpty())
                    .toList();

    private ChildJvm() {}

    /** The options as one string, as JAVA_OPTS-style variables and Spark settings take them. */
    public static String joined() {
        return String.join(" ", OPTIONS);
    }

    /**
     * Puts the options where the project's scripts read them: {@code GPT1_JAVA_OPTS} for {@code
     * submit/gpt1} (and {@code submit/demo}), {@code SPARK_DAEMON_JAVA_OPTS} for {@code
     * submit/local-cluster}'s Master and Workers.
     */
    public static void environment(Map<String, String> env) {
        env.put("GPT1_JAVA_OPTS", joined());
        env.put("SPARK_DAEMON_JAVA_OPTS", joined());
    }

    /**
     * {@code --conf} arguments that give the options to the JVMs a job through spark-submit starts:
     * spark-submit's own (the driver in client mode), a cluster-mode driver and the executors.
     */
    public static String[] sparkConf() {
        return new String[] {
            "--conf", "spark.driver.extraJavaOptions=" + joined(),
            "--conf", "spark.executor.extraJavaOptions=" + joined()
        };
    }
}
