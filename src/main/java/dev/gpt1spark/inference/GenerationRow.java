package dev.gpt1spark.inference;

import dev.gpt1spark.tokenizer.Gpt1Tokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** The state of one document during generation: its random stream, tokens and stop check. */
final class GenerationRow {
    private final Prompt prompt;
    private final GenerationOptions options;
    private final Sampler sampler;
    private final SplittableRandom random;
    private final boolean[] seen; // tokens the repetition penalty applies to
    private final long[] sequence; // prompt, then the new tokens
    private final int promptLength;
    private final float[] logprobs; // null unless asked for
    private int count;
    private int minTextLength; // characters of the first min new tokens, once generated
    private String stoppedText;

    GenerationRow(Prompt prompt, GenerationOptions options, int vocabSize) {
        this.prompt = prompt;
        this.options = options;
        this.sampler = options.sampler();
        this.random = DocumentSeed.random(options.seed(), prompt.documentId(), prompt.sample());
        this.promptLength = prompt.ids().length;
        this.sequence = Arrays.copyOf(prompt.ids(), promptLength + options.maxNewTokens());
        this.logprobs = options.logprobs() ? new float[options.maxNewTokens()] : null;
        this.seen = options.repetitionPenalty() != 1f ? new boolean[vocabSize] : null;
        if (seen != null) {
            for (long id : prompt.ids()) {
                seen[(int) id] = true;
            }
        }
    }

    boolean done() {
        return stoppedText != null || count == options.maxNewTokens();
    }

    /** Chooses the next token from this row's logits and records it. */
    long next(float[] logits, Gpt1Tokenizer tokenizer) {
        float[] raw = logprobs != null ? logits.clone() : null;
        if (seen != null) {
            RepetitionPenalty.apply(logits, seen, options.repetitionPenalty());
        }
        if (options.noRepeatNgramSize() > 0) {
            NoRepeatNgram.ban(logits, sequence, promptLength + count, options.noRepeatNgramSize());
        }
        int token = sampler.sample(logits, random);
        if (raw != null) {
            logprobs[count] = (float) (raw[token] - logSumExp(raw));
        }
        sequence[promptLength + count++] = token;
        if (seen != null) {
            seen[token] = true;
        }
        if (!options.stop().isEmpty() && count >= options.minNewTokens()) {
            if (count == options.minNewTokens()) {
                minTextLength = tokenizer.decode(newTokens()).length();
            }
            stoppedText = textBeforeStop(tokenizer.decode(newTokens()));
        }
        return token;
    }

    /** The text before the first stop string that ends past the first min new tokens' text. */
    private String textBeforeStop(String text) {
        int cut = -1;
        List<String> stops = options.stop();
        for (String stop : stops) {
            int at = text.indexOf(stop, Math.max(0, minTextLength - stop.length() + 1));
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        return cut < 0 ? null : text.substring(0, cut);
    }

    private long[] newTokens() {
        return Arrays.copyOfRange(sequence, promptLength, promptLength + count);
    }

    Generation result(Gpt1Tokenizer tokenizer) {
        long[] ids = newTokens();
        boolean stopped = stoppedText != null;
        String text = stopped ? stoppedText : tokenizer.decode(ids);
        return new Generation(
                text,
                ids,
                promptLength,
                count,
                stopped ? "stop" : "length",
                logprobs == null ? null : Arrays.copyOf(logprobs, count));
    }

    /** log Σ exp(x), shifted by the maximum so that no term overflows. */
    private static double logSumExp(float[] x) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }
}
