package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.testing.ReferenceModels;
import org.junit.jupiter.api.Test;

class SparkSmokeTest extends SparkTestBase {
    @Test
    void sparkAndDjlShareTheJvm() {
        assertThat(spark.range(10).count()).isEqualTo(10);
        assertThat(ReferenceModels.tinyHf().config().nEmbd()).isEqualTo(64);
    }
}
