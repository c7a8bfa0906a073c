package dev.gpt1spark.task;

import dev.gpt1spark.inference.Generation;
import dev.gpt1spark.inference.GenerationOptions;
import dev.gpt1spark.inference.Generator;
import dev.gpt1spark.inference.Prompt;
import dev.gpt1spark.model.Gpt1Model;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code generate}: a continuation per document, which is the prompt; with logprobs, each new
 * token's log-probability (beside continuation_ids) and their sum, else those two are null.
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

    public GenerateTask(Gpt1Model model, GenerationOptions options) {
        super(model.tokenizer());
        this.generator = new Generator(model, options);
    }

    @Override
    public List<OutputField> fields() {
        return FIELDS;
    }

    @Override
    List<TaskResult> run(List<Document> documents, List<long[]> ids) {
        List<Prompt> prompts = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Document d = documents.get(i);
            prompts.add(new Prompt(d.id(), ids.get(i), d.sample()));
        }
        List<TaskResult> out = new ArrayList<>(ids.size());
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
