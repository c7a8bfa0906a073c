package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gpt1spark.testing.SharedFixtures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** --logprobs, --min-new-tokens and --no-repeat-ngram-size from the command line. */
class GenerateControlsCliTest {
    private static final String MODEL = SharedFixtures.reference().resolve("tiny-hf").toString();
    private static final String STDIN = "{\"id\":\"x\",\"text\":\"once upon a time\"}\n";

    @Test
    void logprobsComeBesideTheTokensAndSumToTheCumulativeOne() {
        CliRun run =
                CliRun.withInput(
                        STDIN,
                        "generate",
                        "--model",
                        MODEL,
                        "--max-new-tokens",
                        "8",
                        "--no-repeat-ngram-size",
                        "1",
                        "--logprobs");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode g = run.lines().get(0);
        JsonNode logprobs = g.get("token_logprobs");
        assertThat(logprobs.size()).isEqualTo(8).isEqualTo(g.get("continuation_ids").size());
        double sum = 0;
        for (JsonNode lp : logprobs) {
            assertThat(lp.asDouble()).isLessThanOrEqualTo(0);
            sum += lp.asDouble();
        }
        assertThat(g.get("cumulative_logprob").asDouble()).isCloseTo(sum, within(1e-4));
        Set<Long> distinct = new HashSet<>();
        g.get("continuation_ids").forEach(id -> distinct.add(id.asLong()));
        assertThat(distinct).as("no token twice with --no-repeat-ngram-size 1").hasSize(8);

        CliRun plain =
                CliRun.withInput(STDIN, "generate", "--model", MODEL, "--max-new-tokens", "8");
        assertThat(plain.lines().get(0).get("token_logprobs").isNull()).isTrue();
        assertThat(plain.lines().get(0).get("cumulative_logprob").isNull()).isTrue();
    }

    @Test
    void severalReturnSequencesGiveOneLinePerSampleTheFirstAsWithoutTheOption() {
        String twoRows = STDIN + "{\"id\":\"y\",\"text\":\"the ship\"}\n";
        List<String> args =
                List.of(
                        "generate",
                        "--model",
                        MODEL,
                        "--max-new-tokens",
                        "6",
                        "--strategy",
                        "sample");
        CliRun three =
                CliRun.withInput(
                        twoRows,
                        concat(args, "--num-return-sequences", "3").toArray(String[]::new));
        assertThat(three.exitCode()).as(three.err()).isZero();
        List<JsonNode> lines = three.lines();
        assertThat(lines)
                .extracting(l -> l.get("id").asText() + l.get("sample_index").asInt())
                .containsExactly("x0", "x1", "x2", "y0", "y1", "y2");
        assertThat(lines.get(1).get("continuation")).isNotEqualTo(lines.get(0).get("continuation"));

        CliRun one = CliRun.withInput(twoRows, args.toArray(String[]::new));
        assertThat(one.lines())
                .extracting(l -> l.get("sample_index").asInt())
                .containsExactly(0, 0);
        assertThat(one.lines().get(0)).isEqualTo(lines.get(0));
        assertThat(one.lines().get(1)).isEqualTo(lines.get(3));
    }

    @Test
    void severalReturnSequencesNeedSampling() {
        CliRun run =
                CliRun.withInput(
                        STDIN, "generate", "--model", MODEL, "--num-return-sequences", "2");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().trim())
                .isEqualTo(
                        "gpt1 generate: --num-return-sequences 2 needs --strategy sample: greedy"
                                + " decoding returns the same continuation every time");
    }

    private static List<String> concat(List<String> args, String... more) {
        List<String> out = new ArrayList<>(args);
        out.addAll(List.of(more));
        return out;
    }

    @Test
    void aMinimumAboveTheMaximumIsRefusedNamingBothOptions() {
        CliRun run =
                CliRun.withInput(
                        STDIN,
                        "generate",
                        "--model",
                        MODEL,
                        "--max-new-tokens",
                        "4",
                        "--min-new-tokens",
                        "9");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().trim())
                .isEqualTo("gpt1 generate: --min-new-tokens 9 must be at most --max-new-tokens 4");
        List<String> none = new ArrayList<>(List.of(run.out().trim()));
        assertThat(none).containsExactly("");
    }
}
