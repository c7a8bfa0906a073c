package dev.gpt1spark.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code pretrain} prints and writes as {@link PretrainJob#SUMMARY_FILE}, under the JSON keys
 * given here.
 *
 * @param output folder of the epoch checkpoints, the final model and the summary
 * @param finalCheckpoint the final model's folder
 * @param options the recipe
 * @param blockSize tokens per training sequence
 * @param documents texts read
 * @param trainBlocks training sequences
 * @param validationBlocks held-out sequences
 * @param resumedAfterEpoch the epoch the run resumed after; null for a run from the start
 * @param steps optimiser steps in all, those before a resume included
 * @param trainedValues number of values the optimiser changed
 * @param epochs one report per epoch, those before a resume included
 * @param wallSeconds wall time of this process's part of the run, to 0.1 s
 */
@JsonPropertyOrder({
    "command",
    "output",
    "final_checkpoint",
    "options",
    "block_size",
    "documents",
    "train_blocks",
    "validation_blocks",
    "resumed_after_epoch",
    "steps",
    "trained_values",
    "epochs",
    "wall_s"
})
public record PretrainSummary(
        @JsonSerialize(using = ToStringSerializer.class) Path output,
        @JsonProperty("final_checkpoint") @JsonSerialize(using = ToStringSerializer.class)
                Path finalCheckpoint,
        TrainingOptions options,
        @JsonProperty("block_size") int blockSize,
        int documents,
        @JsonProperty("train_blocks") int trainBlocks,
        @JsonProperty("validation_blocks") int validationBlocks,
        @JsonProperty("resumed_after_epoch") Integer resumedAfterEpoch,
        int steps,
        @JsonProperty("trained_values") long trainedValues,
        List<PretrainEpoch> epochs,
        @JsonProperty("wall_s") double wallSeconds) {

    public PretrainSummary {
        epochs = List.copyOf(epochs);
    }

    /** The command, the summary's first key. */
    @JsonProperty("command")
    public String command() {
        return "pretrain";
    }
}
