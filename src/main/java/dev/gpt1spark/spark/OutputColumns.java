package dev.gpt1spark.spark;

import java.util.List;

/** Names of the columns the jobs write, which a kept input column may not take. */
public final class OutputColumns {
    /** The document id: the input's id column cast to string, or a generated one. */
    public static final String ID = "id";

    /** generate's sample number, 0 to num-return-sequences − 1 (int). */
    public static final String SAMPLE_INDEX = "sample_index";

    /** Null when the row succeeded, else a short reason. */
    public static final String ERROR = "error";

    /**
     * Every name a job writes: {@link #ID}, {@link #ERROR} and the per-job fields (tokenize, embed,
     * score, generate, classify). A kept input column with one of these names would clash.
     */
    public static final List<String> RESERVED =
            List.of(
                    ID,
                    ERROR,
                    SAMPLE_INDEX,
                    "ids",
                    "tokens",
                    "n_tokens",
                    "embedding",
                    "truncated",
                    "n_windows",
                    "nll",
                    "mean_nll",
                    "perplexity",
                    "n_scored",
                    "continuation",
                    "continuation_ids",
                    "n_prompt_tokens",
                    "n_generated",
                    "finish_reason",
                    "token_logprobs",
                    "cumulative_logprob",
                    "label",
                    "label_id",
                    "score",
                    "probabilities",
                    "label_probabilities");

    private OutputColumns() {}
}
