package dev.gpt1spark.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Encode throughput on 10,000 English-like sentences, single texts versus one batch call.
 *
 * <p>Run on demand: {@code mvn -q test -Dtest=Gpt1TokenizerBenchmarkTest -Dgpt1.bench=true}.
 */
@EnabledIfSystemProperty(named = "gpt1.bench", matches = "true")
class Gpt1TokenizerBenchmarkTest {

    private static final int SENTENCES = 10_000;

    @Test
    void encodeThroughput() {
        List<String> sentences = sentences();
        try (Gpt1Tokenizer tokenizer = Gpt1Tokenizer.bundled()) {
            for (int warmup = 0; warmup < 3; warmup++) {
                sentences.forEach(tokenizer::encode);
                tokenizer.encodeBatch(sentences);
            }
            long tokens = 0;
            long t0 = System.nanoTime();
            for (String s : sentences) {
                tokens += tokenizer.encode(s).size();
            }
            long t1 = System.nanoTime();
            List<Encoding> batch = tokenizer.encodeBatch(sentences);
            long t2 = System.nanoTime();
            long chunkedTokens = 0;
            for (int from = 0; from < sentences.size(); from += 256) {
                List<String> chunk =
                        sentences.subList(from, Math.min(from + 256, sentences.size()));
                chunkedTokens +=
                        tokenizer.encodeBatch(chunk).stream().mapToInt(Encoding::size).sum();
            }
            long t3 = System.nanoTime();

            assertThat(batch.stream().mapToLong(Encoding::size).sum()).isEqualTo(tokens);
            assertThat(chunkedTokens).isEqualTo(tokens);
            report("encode, one at a time", tokens, t1 - t0);
            report("encodeBatch, all 10,000", tokens, t2 - t1);
            report("encodeBatch, chunks of 256", tokens, t3 - t2);
        }
    }

    private static void report(String what, long tokens, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf(
                "BENCH %-28s %8.0f docs/s %10.0f tokens/s (%d tokens, %.3f s)%n",
                what, SENTENCES / seconds, tokens / seconds, tokens, seconds);
    }

    // Sentences of 8 to 30 words drawn, with a fixed seed, from the English golden cases.
    private static List<String> sentences() {
        String[] words =
                GoldenCase.main().stream()
                        .filter(
                                c ->
                                        c.category().equals("english")
                                                || c.category().equals("paragraph"))
                        .flatMap(c -> Arrays.stream(c.text().split("\\s+")))
                        .filter(w -> !w.isEmpty())
                        .toArray(String[]::new);
        Random random = new Random(42);
        List<String> sentences = new ArrayList<>(SENTENCES);
        for (int i = 0; i < SENTENCES; i++) {
            StringBuilder s = new StringBuilder();
            int n = 8 + random.nextInt(23);
            for (int w = 0; w < n; w++) {
                s.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
            }
            sentences.add(s.append('.').toString());
        }
        return sentences;
    }
}
