package dev.gpt1spark.config;

import java.util.List;

/**
 * Hyper-parameters of a GPT-1-shaped model, exactly as a checkpoint states or implies them.
 *
 * @param nLayer number of transformer blocks
 * @param nHead attention heads per block; n_embd must be divisible by it
 * @param nEmbd width of the residual stream (D)
 * @param nPositions learned positions, the longest sequence the model accepts
 * @param vocabSize rows of the token embedding, which is also the (tied) LM head
 * @param activation feed-forward activation
 * @param layerNormEpsilon LayerNorm epsilon (1e-5 for GPT-1)
 * @param labels class names in label-id order when the checkpoint has a classification head ({@code
 *     score.weight}), else empty
 * @param taskFormat the task tokens and input form of a checkpoint fine-tuned with them, else null
 */
public record ModelConfig(
        int nLayer,
        int nHead,
        int nEmbd,
        int nPositions,
        int vocabSize,
        Activation activation,
        double layerNormEpsilon,
        List<String> labels,
        TaskFormat taskFormat)
        implements java.io.Serializable {

    public ModelConfig {
        labels = List.copyOf(labels);
        if (taskFormat != null && taskFormat.classifyId() >= vocabSize) {
            throw new IllegalArgumentException(
                    "task tokens " + taskFormat + " lie outside the vocabulary of " + vocabSize);
        }
    }

    /** A configuration without task tokens (a pre-trained model or a plain classifier). */
    public ModelConfig(
            int nLayer,
            int nHead,
            int nEmbd,
            int nPositions,
            int vocabSize,
            Activation activation,
            double layerNormEpsilon,
            List<String> labels) {
        this(
                nLayer,
                nHead,
                nEmbd,
                nPositions,
                vocabSize,
                activation,
                layerNormEpsilon,
                labels,
                null);
    }

    /** This configuration with other labels (a new head). */
    public ModelConfig withLabels(List<String> newLabels) {
        return new ModelConfig(
                nLayer,
                nHead,
                nEmbd,
                nPositions,
                vocabSize,
                activation,
                layerNormEpsilon,
                newLabels,
                taskFormat);
    }

    /** This configuration with the task tokens as the last rows of a vocabulary of vocabSize. */
    public ModelConfig withTaskFormat(int newVocabSize, TaskFormat format) {
        return new ModelConfig(
                nLayer,
                nHead,
                nEmbd,
                nPositions,
                newVocabSize,
                activation,
                layerNormEpsilon,
                labels,
                format);
    }

    /** Width of one attention head. */
    public int headSize() {
        return nEmbd / nHead;
    }

    /** Whether the checkpoint was fine-tuned on text pairs, so it classifies pairs. */
    public boolean readsPairs() {
        return taskFormat != null && taskFormat.pair();
    }

    /** Whether the checkpoint carries a sequence-classification head. */
    public boolean hasClassifier() {
        return !labels.isEmpty();
    }
}
