package dev.gpt1spark.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code finetune} prints and writes as {@link FineTuneJob#SUMMARY_FILE}, under the JSON keys
 * given here.
 *
 * @param model the source checkpoint's folder; null for one built in memory
 * @param output the fine-tuned checkpoint's folder
 * @param labels the class names, in label-id order
 * @param taskInput {@code single} or {@code pair}
 * @param taskTokens the ids of {@code _start_}, {@code _delimiter_} and {@code _classify_}
 * @param headOnly whether only the head was trained
 * @param options the recipe
 * @param rowsRead rows read
 * @param rowsSkipped rows without a text, a second text (pairs) or a label
 * @param trainExamples examples trained on
 * @param validationExamples examples held out
 * @param trainedValues number of values the optimiser changed
 * @param epochs one report per epoch
 * @param wallSeconds wall time of the run, to 0.1 s
 */
@JsonPropertyOrder({
    "command",
    "model",
    "output",
    "labels",
    "task_input",
    "task_tokens",
    "head_only",
    "options",
    "rows_read",
    "rows_skipped",
    "train_examples",
    "validation_examples",
    "trained_values",
    "epochs",
    "wall_s"
})
public record FineTuneSummary(
        @JsonSerialize(using = ToStringSerializer.class) Path model,
        @JsonSerialize(using = ToStringSerializer.class) Path output,
        List<String> labels,
        @JsonProperty("task_input") String taskInput,
        @JsonProperty("task_tokens") Map<String, Integer> taskTokens,
        @JsonProperty("head_only") boolean headOnly,
        TrainingOptions options,
        @JsonProperty("rows_read") int rowsRead,
        @JsonProperty("rows_skipped") int rowsSkipped,
        @JsonProperty("train_examples") int trainExamples,
        @JsonProperty("validation_examples") int validationExamples,
        @JsonProperty("trained_values") long trainedValues,
        List<FineTuneEpoch> epochs,
        @JsonProperty("wall_s") double wallSeconds) {

    public FineTuneSummary {
        labels = List.copyOf(labels);
        taskTokens =
                Collections.unmodifiableMap(new LinkedHashMap<>(taskTokens)); // keeps the order
        epochs = List.copyOf(epochs);
    }

    /** The command, the summary's first key. */
    @JsonProperty("command")
    public String command() {
        return "finetune";
    }
}
