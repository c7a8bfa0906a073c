package dev.gpt1spark.inference;

import dev.gpt1spark.inference.PrecisionProbe.Drift;

/**
 * How much a reduced precision may move a command's outputs from float32 on the probe ({@link
 * PrecisionProbe}) and still be chosen by {@code --precision auto}.
 */
public enum AccuracyBar {
    /** embed and classify: mean-pooled cosine ≥ 0.9999 and the same labels. */
    POOLED("pooled cosine >= 0.9999 and the same labels"),
    /** score: every text's NLL within 0.1 %. */
    SCORE("NLL within 0.1%"),
    /** generate: NLL within 0.1 % and ≥ 99 % of next-token argmaxes unchanged. */
    GENERATE("NLL within 0.1% and top-1 agreement >= 0.99");

    static final double MIN_COSINE = 0.9999;
    static final double MAX_NLL_DRIFT = 1e-3;
    static final double MIN_TOP1_AGREEMENT = 0.99;

    private final String description;

    AccuracyBar(String description) {
        this.description = description;
    }

    /** The bar of a model-running command: embed, classify, score or generate. */
    public static AccuracyBar of(String command) {
        switch (command) {
            case "embed":
            case "classify":
                return POOLED;
            case "score":
                return SCORE;
            case "generate":
                return GENERATE;
            default:
                throw new IllegalArgumentException(command + " runs no model: it has no precision");
        }
    }

    /** The bar in words, for summaries. */
    public String description() {
        return description;
    }

    /** Whether {@code drift} is within this bar. */
    public boolean isMetBy(Drift drift) {
        switch (this) {
            case POOLED:
                return drift.minPooledCosine() >= MIN_COSINE && drift.sameLabels();
            case SCORE:
                return drift.maxNllDrift() <= MAX_NLL_DRIFT;
            case GENERATE:
                return drift.maxNllDrift() <= MAX_NLL_DRIFT
                        && drift.top1Agreement() >= MIN_TOP1_AGREEMENT;
            default:
                throw new IllegalStateException("unhandled bar " + this);
        }
    }
}
