package dev.gpt1spark.inference;

import dev.gpt1spark.tokenizer.Gpt1Tokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** The state of one document during generation: its random stream, tokens and stop check. */
final class GenerationRow {
    private final Prompt prompt;
    private final GenerationOptions options;
    private final SplittableRandom random;
    private final boolean[] seen; // tokens the repetition penalty applies to
    private final long[] generated;
    private int count;
    private String stoppedText;

    GenerationRow(Prompt prompt, GenerationOptions options, int vocabSize) {
        this.prompt = prompt;
        this.options = options;
        this.random = DocumentSeed.random(options.seed(), prompt.documentId());
        this.generated = new long[options.maxNewTokens()];
        this.seen = options.repetitionPenalty() != 1f ? new boolean[vocabSize] : null;
        if (seen != null) {
            for (long id : prompt.ids()) {
                seen[(int) id] = true;
            }
        }
    }

    boolean done() {
        return stoppedText != null || count == generated.length;
    }

    /** Chooses the next token from this row's logits and records it. */
    long next(float[] logits, Sampler sampler, Gpt1Tokenizer tokenizer) {
        if (seen != null) {
            RepetitionPenalty.apply(logits, seen, options.repetitionPenalty());
        }
        int token = sampler.sample(logits, random);
        generated[count++] = token;
        if (seen != null) {
            seen[token] = true;
        }
        if (!options.stop().isEmpty()) {
            stoppedText = textBeforeStop(tokenizer.decode(Arrays.copyOf(generated, count)));
        }
        return token;
    }

    private String textBeforeStop(String text) {
        int cut = -1;
        List<String> stops = options.stop();
        for (String stop : stops) {
            int at = text.indexOf(stop);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        return cut < 0 ? null : text.substring(0, cut);
    }

    Generation result(Gpt1Tokenizer tokenizer) {
        long[] ids = Arrays.copyOf(generated, count);
        boolean stopped = stoppedText != null;
        String text = stopped ? stoppedText : tokenizer.decode(ids);
        return new Generation(text, ids, prompt.ids().length, count, stopped ? "stop" : "length");
    }
}
