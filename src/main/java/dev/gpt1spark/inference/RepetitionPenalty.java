package dev.gpt1spark.inference;

/**
 * The CTRL repetition penalty as Hugging Face applies it: the logit of every token already seen is
 * divided by the penalty when positive and multiplied by it when negative.
 */
final class RepetitionPenalty {
    private RepetitionPenalty() {}

    static void apply(float[] logits, boolean[] seen, float penalty) {
        if (penalty == 1f) {
            return;
        }
        for (int id = 0; id < logits.length; id++) {
            if (seen[id]) {
                logits[id] = logits[id] > 0 ? logits[id] / penalty : logits[id] * penalty;
            }
        }
    }
}
