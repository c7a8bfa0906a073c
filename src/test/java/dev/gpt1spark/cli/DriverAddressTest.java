package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loopback for local Spark only; a cluster's driver must be reachable from other hosts. */
class DriverAddressTest {

    @Test
    void onlyLocalAndLoopbackMastersAreLocal() {
        for (String local :
                List.of(
                        "local",
                        "local[2]",
                        "local[*]",
                        "local-cluster[2,1,1024]",
                        "spark://127.0.0.1:7077",
                        "spark://localhost:7077",
                        "spark://127.0.1.1")) {
            assertThat(DriverAddress.isLocal(local)).as(local).isTrue();
        }
        for (String cluster :
                List.of(
                        "spark://gm:7077",
                        "spark://10.217.41.2:7077",
                        "spark://127.0.0.1.example:7077",
                        "yarn",
                        "k8s://https://api:6443")) {
            assertThat(DriverAddress.isLocal(cluster)).as(cluster).isFalse();
        }
    }

    @Test
    void anEmbeddedDriverIsPinnedToLoopbackUnlessTheUserChoseAnAddress() {
        Map<String, String> plain = new HashMap<>();
        DriverAddress.pinToLoopback(plain, Map.of());
        assertThat(plain)
                .containsEntry("spark.driver.host", "127.0.0.1")
                .containsEntry("spark.driver.bindAddress", "127.0.0.1");

        Map<String, String> chosen = new HashMap<>(Map.of("spark.driver.host", "10.0.0.5"));
        DriverAddress.pinToLoopback(chosen, Map.of("SPARK_LOCAL_IP", "10.0.0.5"));
        assertThat(chosen)
                .containsEntry("spark.driver.host", "10.0.0.5")
                .containsEntry("spark.driver.bindAddress", "10.0.0.5");
    }

    @Test
    void yarnAndKubernetesWithoutSparkHomeStopNamingIt() {
        assertThatThrownBy(
                        () -> SparkSubmitProcess.submitter("yarn", Map.of(), Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "--master yarn needs SPARK_HOME: set it to a Spark 4.x installation (Scala"
                                + " 2.13) with YARN support; the Spark bundled with gpt1-spark runs"
                                + " local and standalone (spark://) masters only");
        assertThatThrownBy(
                        () ->
                                SparkSubmitProcess.submitter(
                                        "k8s://https://api:6443", Map.of(), Map.of(), List.of()))
                .hasMessageStartingWith("--master k8s://https://api:6443 needs SPARK_HOME")
                .hasMessageContaining("with Kubernetes support");
        assertThat(
                        SparkSubmitProcess.submitter(
                                "yarn", Map.of("SPARK_HOME", "/opt/spark"), Map.of(), List.of()))
                .containsExactly("/opt/spark/bin/spark-submit");
    }
}
