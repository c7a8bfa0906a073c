package dev.gpt1spark.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.ml.Transformer;
import org.junit.jupiter.api.Test;

/** Spark Connect ML builds only the transformers listed for {@link ServiceLoader}. */
class ServiceFileTest {
    @Test
    void everyStageIsListedForSparkConnect() {
        List<String> listed =
                ServiceLoader.load(Transformer.class).stream()
                        .map(p -> p.type().getName())
                        .toList();
        assertThat(listed)
                .contains("org.apache.spark.ml.feature.NGram") // Spark's own, beside ours
                .contains(
                        Gpt1TokenizeTransformer.class.getName(),
                        Gpt1EmbedTransformer.class.getName(),
                        Gpt1ScoreTransformer.class.getName(),
                        Gpt1GenerateTransformer.class.getName(),
                        Gpt1ClassifyTransformer.class.getName());
    }
}
