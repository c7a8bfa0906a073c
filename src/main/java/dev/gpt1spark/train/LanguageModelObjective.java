package dev.gpt1spark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gpt1spark.inference.TokenBatch;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Gpt1Network;
import java.util.List;

/** GPT-1's pre-training loss: the next-token NLL of every position, and its validation form. */
final class LanguageModelObjective {
    private LanguageModelObjective() {}

    /**
     * The batch's mean NLL per predicted token, with dropout.
     *
     * @param manager owns every tensor of the step
     */
    static LossTerms loss(NDManager manager, Gpt1Network network, TokenBatch batch, float dropout) {
        NDArray hidden = network.trainingHiddenStates(batch.ids(manager), dropout); // (B, T, D)
        return LossTerms.languageModel(Losses.tokenNll(network, hidden, batch).mean()); // ()
    }

    /** Mean NLL per predicted token over {@code blocks}, without dropout, in batches. */
    static double validationNll(Gpt1Model model, List<long[]> blocks, int batchSize) {
        double sum = 0;
        long count = 0;
        for (int from = 0; from < blocks.size(); from += batchSize) {
            TokenBatch rows =
                    new TokenBatch(blocks.subList(from, Math.min(blocks.size(), from + batchSize)));
            try (NDManager manager = model.newManager()) {
                NDArray hidden = model.network().hiddenStates(rows.ids(manager), null, null, null);
                NDArray nll = Losses.tokenNll(model.network(), hidden, rows); // (N)
                sum += nll.sum().getFloat();
                count += nll.size();
            }
        }
        return sum / count;
    }
}
