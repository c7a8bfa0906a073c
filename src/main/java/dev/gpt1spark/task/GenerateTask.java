package dev.gpt1spark.task;

import dev.gpt1spark.inference.Generation;
import dev.gpt1spark.inference.GenerationOptions;
import dev.gpt1spark.inference.Generator;
import dev.gpt1spark.inference.Prompt;
import dev.gpt1spark.model.Gpt1Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code generate}: a continuation per document, which is the prompt; with logprobs, each new
 * token's log-probability (beside continuation_ids) and their sum, else those two are null. A
 * document may bring its own length, temperature, top-p and seed ({@link RowSettings}).
 */
public final class GenerateTask extends ModelTask {
    public static final List<OutputField> FIELDS =
            List.of(
                    new OutputField("continuation", FieldType.STRING),
                    new OutputField("continuation_ids", FieldType.INT_ARRAY),
                    new OutputField("n_prompt_tokens", FieldType.INT),
                    new OutputField("n_generated", FieldType.INT),
                    new OutputField("finish_reason", FieldType.STRING),
                    new OutputField("token_logprobs", FieldType.FLOAT_ARRAY),
                    new OutputField("cumulative_logprob", FieldType.DOUBLE));

    private final Generator generator;
    private final GenerationOptions options;
    private final Map<String, String> rowColumns;
    private final int nPositions;

    public GenerateTask(Gpt1Model model, GenerationOptions options) {
        this(model, options, Map.of());
    }

    /**
     * @param rowColumns the input column of each setting rows may override, by setting key (see
     *     {@link RowSettings})
     */
    GenerateTask(Gpt1Model model, GenerationOptions options, Map<String, String> rowColumns) {
        super(model.tokenizer());
        this.generator = new Generator(model, options);
        this.options = options;
        this.rowColumns = Map.copyOf(rowColumns);
        this.nPositions = model.config().nPositions();
    }

    @Override
    public List<OutputField> fields() {
        return FIELDS;
    }

    @Override
    List<TaskResult> run(List<Document> documents, List<long[]> ids) {
        List<Prompt> prompts = new ArrayList<>(ids.size());
        List<String> errors = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Document d = documents.get(i);
            RowSettings.Resolved row =
                    RowSettings.resolve(options, d.rowValues(), rowColumns, nPositions);
            errors.add(row.error());
            prompts.add(new Prompt(d.id(), ids.get(i), d.sample(), row.options()));
        }
        List<Integer> order = new ArrayList<>(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            order.add(i);
        }
        // A row whose own values are bad gets an error; the others are generated.
        return SetAside.process(
                order,
                errors::get,
                FIELDS.size(),
                kept -> generate(kept.stream().map(prompts::get).toList()));
    }

    private List<TaskResult> generate(List<Prompt> prompts) {
        List<TaskResult> out = new ArrayList<>(prompts.size());
        for (Generation g : generator.generate(prompts)) {
            out.add(
                    TaskResult.ok(
                            g.nPromptTokens() + g.nGenerated(),
                            g.continuation(),
                            toInts(g.continuationIds()),
                            g.nPromptTokens(),
                            g.nGenerated(),
                            g.finishReason(),
                            g.tokenLogprobs(),
                            g.cumulativeLogprob()));
        }
        return out;
    }

    @Override
    public void close() {}
}
