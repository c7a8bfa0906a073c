package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gpt1spark.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a user runs it: arguments in, JSON lines and exit codes out. */
class CliTest {
    private static final String TINY_HF = SharedFixtures.reference().resolve("tiny-hf").toString();
    private static final String TINY_OPENAI =
            SharedFixtures.reference().resolve("tiny-openai").toString();

    @Test
    void infoReportsTheShapeAndWhereNHeadCameFrom() {
        CliRun run = CliRun.of("info", "--model", TINY_OPENAI, "--n-head", "4");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode info = run.lines().get(0);
        assertThat(info.get("format").asText()).isEqualTo("openai");
        assertThat(info.get("n_layer").asInt()).isEqualTo(2);
        assertThat(info.get("n_head").asInt()).isEqualTo(4);
        assertThat(info.get("n_embd").asInt()).isEqualTo(64);
        assertThat(info.get("n_positions").asInt()).isEqualTo(128);
        assertThat(info.get("vocab_size").asInt()).isEqualTo(40478);
        assertThat(info.get("afn").asText()).isEqualTo("gelu");
        assertThat(info.get("parameters").asLong()).isEqualTo(2_698_752L);
        assertThat(info.get("notes").toString()).contains("--n-head");

        JsonNode hf = CliRun.of("info", "--model", TINY_HF).lines().get(0);
        assertThat(hf.get("format").asText()).isEqualTo("hf");
        assertThat(hf.get("parameters").asLong()).isEqualTo(2_698_752L);
        assertThat(hf.get("fingerprint").asText()).isEqualTo(info.get("fingerprint").asText());
    }

    @Test
    void initOfTheOpenAiPresetHasTheRealParameterCount(@TempDir Path dir) {
        Path out = dir.resolve("gpt1");
        CliRun init =
                CliRun.of("init", "--preset", "openai-gpt", "--seed", "1", "--out", out.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        JsonNode info = CliRun.of("info", "--model", out.toString()).lines().get(0);
        assertThat(info.get("parameters").asLong()).isEqualTo(116_534_784L);
        assertThat(info.get("n_head").asInt()).isEqualTo(12);
        assertThat(info.get("n_positions").asInt()).isEqualTo(512);
    }

    @Test
    void convertWritesTheOriginalFormatAsHuggingFace(@TempDir Path dir) {
        Path out = dir.resolve("converted");
        CliRun convert =
                CliRun.of(
                        "convert",
                        "--model",
                        TINY_OPENAI,
                        "--n-head",
                        "4",
                        "--out",
                        out.toString());
        assertThat(convert.exitCode()).as(convert.err()).isZero();
        assertThat(out.resolve("config.json")).exists();
        assertThat(out.resolve("model.safetensors")).exists();
        String text = "{\"text\":\"The quick brown fox jumps over the lazy dog.\"}\n";
        String original =
                CliRun.withInput(text, "score", "--model", TINY_OPENAI, "--n-head", "4").out();
        String converted = CliRun.withInput(text, "score", "--model", out.toString()).out();
        assertThat(converted).isEqualTo(original).contains("\"n_scored\":9");
    }

    @Test
    void tokenizeWorksWithoutAModel() {
        CliRun run = CliRun.of("tokenize", "--text", "Hello, world!");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip())
                .isEqualTo(
                        "{\"ids\":[3570,240,1276,267],\"tokens\":[\"hello</w>\",\",</w>\",\"world</w>\",\"!</w>\"],"
                                + "\"n_tokens\":4,\"error\":null}");
    }

    @Test
    void badRowsGetAnErrorAndNeverStopTheStream() {
        String stdin =
                String.join(
                        "\n",
                        "{\"id\":\"a\",\"text\":\"The cat sat on the mat.\"}",
                        "a plain text line",
                        "{\"id\":7,\"text\":null}",
                        "{\"id\":\"b\"}",
                        "{\"id\":\"c\",\"text\":5}",
                        "{\"id\":\"d\",\"text\":\"   \"}",
                        "",
                        "{\"id\":\"e\",\"text\":\"one\"}",
                        "{not json, so plain text}");
        CliRun run =
                CliRun.withInput(stdin + "\n", "score", "--model", TINY_HF, "--batch-docs", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = run.lines();
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0).get("id").asText()).isEqualTo("a");
        assertThat(lines.get(0).get("error").isNull()).isTrue();
        assertThat(lines.get(0).get("n_scored").asInt()).isEqualTo(6);
        assertThat(lines.get(1).has("id")).isFalse();
        assertThat(lines.get(1).get("n_tokens").asInt()).isEqualTo(4);
        assertThat(lines.get(2).get("id").asText()).isEqualTo("7");
        assertThat(lines.get(2).get("error").asText()).isEqualTo("text is null");
        assertThat(lines.get(3).get("error").asText()).isEqualTo("text is null");
        assertThat(lines.get(4).get("error").isNull()).isTrue(); // 5 is read as the text "5"
        assertThat(lines.get(4).get("n_tokens").asInt()).isEqualTo(1);
        assertThat(lines.get(5).get("error").asText()).isEqualTo("empty after tokenization");
        assertThat(lines.get(5).get("nll").isNull()).isTrue();
        assertThat(lines.get(6).get("error").asText()).isEqualTo("empty after tokenization");
        JsonNode one = lines.get(7);
        assertThat(one.get("n_scored").asInt()).isZero();
        assertThat(one.get("nll").asDouble()).isZero();
        assertThat(one.get("mean_nll").isNull()).isTrue();
        assertThat(one.get("perplexity").isNull()).isTrue();
        assertThat(one.get("error").isNull()).isTrue();
        assertThat(lines.get(8).get("tokens")).isNull(); // a score line, not a tokenize line
        assertThat(lines.get(8).get("n_tokens").asInt()).isEqualTo(9);
    }

    @Test
    void embedAndGenerateFromTheCommandLine() {
        CliRun embed =
                CliRun.of(
                        "embed",
                        "--model",
                        TINY_HF,
                        "--pooling",
                        "last",
                        "--normalize",
                        "--text",
                        "a b c");
        assertThat(embed.exitCode()).as(embed.err()).isZero();
        JsonNode e = embed.lines().get(0);
        assertThat(e.get("embedding").size()).isEqualTo(64);
        assertThat(e.get("n_tokens").asInt()).isEqualTo(3);
        assertThat(e.get("truncated").asBoolean()).isFalse();
        assertThat(e.get("n_windows").asInt()).isEqualTo(1);

        String[] args = {
            "generate",
            "--model",
            TINY_HF,
            "--max-new-tokens",
            "6",
            "--strategy",
            "sample",
            "--top-k",
            "50",
            "--seed",
            "3"
        };
        String stdin = "{\"id\":\"x\",\"text\":\"once upon a time\"}\n";
        CliRun first = CliRun.withInput(stdin, args);
        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode g = first.lines().get(0);
        assertThat(g.get("n_generated").asInt()).isEqualTo(6);
        assertThat(g.get("continuation_ids").size()).isEqualTo(6);
        assertThat(g.get("n_prompt_tokens").asInt()).isEqualTo(4);
        assertThat(g.get("finish_reason").asText()).isEqualTo("length");
        assertThat(CliRun.withInput(stdin, args).out()).isEqualTo(first.out());
    }

    @Test
    void classifyNeedsAHeadAndUsesIt(@TempDir Path dir) {
        CliRun noHead = CliRun.of("classify", "--model", TINY_HF, "--text", "good");
        assertThat(noHead.exitCode()).isEqualTo(1);
        assertThat(noHead.err()).contains("the model has no classification head");

        Path model = dir.resolve("clf");
        assertThat(
                        CliRun.of(
                                        "init",
                                        "--preset",
                                        "tiny",
                                        "--labels",
                                        "neg,pos",
                                        "--out",
                                        model.toString())
                                .exitCode())
                .isZero();
        CliRun run =
                CliRun.of(
                        "classify", "--model", model.toString(), "--text", "good", "--text", "bad");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (JsonNode line : run.lines()) {
            assertThat(line.get("label").asText()).isIn("neg", "pos");
            assertThat(line.get("label_id").asInt()).isBetween(0, 1);
            double sum =
                    line.get("probabilities").get(0).asDouble()
                            + line.get("probabilities").get(1).asDouble();
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            JsonNode byLabel = line.get("label_probabilities");
            List<String> names = new java.util.ArrayList<>();
            byLabel.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly("neg", "pos");
            assertThat(byLabel.get("pos").asDouble())
                    .isEqualTo(line.get("probabilities").get(1).asDouble());
            assertThat(line.get("score").asDouble())
                    .isEqualTo(byLabel.get(line.get("label").asText()).asDouble());
        }
    }

    @Test
    void aMissingModelExitsNonZeroWithOneClearLine(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliRun run = CliRun.of("score", "--model", empty.toString(), "--text", "x");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip())
                .startsWith("gpt1 score: ")
                .contains(empty.toString())
                .doesNotContain("\n");
    }

    @Test
    void aBatchBudgetBelowOneIsRefused() {
        CliRun run = CliRun.of("embed", "--model", TINY_HF, "--batch-tokens", "0", "--text", "x");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--batch-tokens must be >= 1, got 0");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "info",
                "init",
                "convert",
                "tokenize",
                "embed",
                "score",
                "generate",
                "classify"
            })
    void everyCommandHasHelp(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: gpt1 " + command);
    }
}
