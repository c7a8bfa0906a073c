package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gpt1spark.testing.SharedFixtures;
import dev.gpt1spark.testing.SlowTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document's sampled continuation is the same from a Spark job cut into 7 chunks as from the
 * in-process runner among other documents (docs/batching.md).
 */
@SlowTier
class BatchNeighboursJobTest {
    private static final String MODEL = SharedFixtures.reference().resolve("tiny-hf").toString();
    private static final String[] WORDS = {
        "the", "river", "ran", "past", "a", "quiet", "town", "where", "people", "said", "little",
        "and", "rain", "fell", "on", "old", "stone", "roofs", "while", "children", "played", "near"
    };

    private static String line(String id, Random random) {
        StringBuilder text = new StringBuilder();
        for (int w = random.nextInt(1, 70); w > 0; w--) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(w > 1 ? " " : ".");
        }
        return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}";
    }

    private static String[] generate(String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "generate",
                                "--model",
                                MODEL,
                                "--precision",
                                "fp32",
                                "--strategy",
                                "sample",
                                "--seed",
                                "5",
                                "--max-new-tokens",
                                "4"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void continuationsDoNotDependOnChunksOrCorpus(@TempDir Path dir) throws IOException {
        Random random = new Random(3);
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            corpus.add(line("doc-" + i, random));
        }
        Path input = dir.resolve("corpus.jsonl");
        Files.write(input, corpus);
        Path output = dir.resolve("out");
        CliRun job =
                CliRun.of(
                        generate(
                                "--input",
                                input.toString(),
                                "--output",
                                output.toString(),
                                "--partitions",
                                "7",
                                "--progress-interval",
                                "0"));
        assertThat(job.exitCode()).as(job.err()).isZero();
        Map<String, List<Long>> inJob =
                Rows.query(
                        output.toString(),
                        rows -> {
                            Map<String, List<Long>> byId = new HashMap<>();
                            for (Row row : rows.select("id", "continuation_ids").collectAsList()) {
                                List<Long> ids = new ArrayList<>();
                                for (Object id : row.getList(1)) {
                                    ids.add(((Number) id).longValue()); // an int array column
                                }
                                byId.put(row.getString(0), ids);
                            }
                            return byId;
                        });
        assertThat(inJob).hasSize(corpus.size());

        // a third of the documents, shuffled among others, in-process in groups of 50, with the
        // torch threads of a job's task (bits are promised for the same threads, docs/batching.md)
        List<String> elsewhere = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i += 3) {
            elsewhere.add(corpus.get(i));
        }
        for (int i = 0; i < 100; i++) {
            elsewhere.add(line("other-" + i, random));
        }
        Collections.shuffle(elsewhere, random);
        CliRun inProcess =
                CliRun.withInput(
                        String.join("\n", elsewhere) + "\n",
                        generate("--batch-docs", "50", "--threads", "1"));
        assertThat(inProcess.exitCode()).as(inProcess.err()).isZero();
        int compared = 0;
        List<String> differ = new ArrayList<>();
        for (JsonNode row : inProcess.lines()) {
            String id = row.get("id").asText();
            if (id.startsWith("doc-")) {
                List<Long> ids = new ArrayList<>();
                row.get("continuation_ids").forEach(t -> ids.add(t.asLong()));
                compared++;
                if (!ids.equals(inJob.get(id))) {
                    differ.add(id);
                }
            }
        }
        assertThat(compared).isEqualTo(200);
        assertThat(differ).as("continuations that differ between the job and in-process").isEmpty();
    }
}
