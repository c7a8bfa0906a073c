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

    @Test
    void rowsBringTheirOwnLengthTemperatureTopPAndSeedAndBadValuesAreRowErrors() {
        String prompt = "\"text\":\"once upon a time\"";
        String lines =
                String.join(
                        "\n",
                        "{\"id\":\"a\"," + prompt + ",\"n\":3,\"t\":0.5,\"p\":\"0.9\",\"s\":7}",
                        "{\"id\":\"b\"," + prompt + ",\"n\":0}",
                        "{\"id\":\"c\"," + prompt + ",\"n\":128}",
                        "{\"id\":\"d\"," + prompt + ",\"t\":\"hot\"}",
                        "{\"id\":\"e\"," + prompt + ",\"p\":1.5}",
                        "{\"id\":\"f\"," + prompt + ",\"s\":12.5,\"n\":null}",
                        "{\"id\":\"g\"," + prompt + ",\"n\":2,\"t\":[1]}",
                        "{\"id\":\"h\"," + prompt + "}");
        CliRun run =
                CliRun.withInput(
                        lines + "\n",
                        "generate",
                        "--model",
                        MODEL,
                        "--max-new-tokens",
                        "6",
                        "--strategy",
                        "sample",
                        "--max-new-tokens-col",
                        "n",
                        "--temperature-col",
                        "t",
                        "--top-p-col",
                        "p",
                        "--seed-col",
                        "s");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> out = run.lines();
        assertThat(out)
                .extracting(l -> l.get("error").isNull() ? null : l.get("error").asText())
                .containsExactly(
                        null,
                        "column \"n\": max-new-tokens must be >= 1, got 0",
                        "column \"n\": max-new-tokens 128 leaves no room for a prompt: it must be"
                                + " below the model's n_positions 128",
                        "column \"t\": temperature must be a number, got \"hot\"",
                        "column \"p\": top-p must be in (0, 1], got 1.5",
                        "column \"s\": seed must be a whole number, got 12.5",
                        "column \"t\": temperature must be a number, got \"[1]\"",
                        null);
        assertThat(out.get(0).get("n_generated").asInt()).isEqualTo(3);
        assertThat(out.get(7).get("n_generated").asInt()).isEqualTo(6);

        // Row a's own values give what the same values as options give.
        CliRun same =
                CliRun.withInput(
                        "{\"id\":\"a\"," + prompt + "}\n",
                        "generate",
                        "--model",
                        MODEL,
                        "--max-new-tokens",
                        "3",
                        "--strategy",
                        "sample",
                        "--temperature",
                        "0.5",
                        "--top-p",
                        "0.9",
                        "--seed",
                        "7");
        assertThat(same.lines().get(0)).isEqualTo(out.get(0));
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
