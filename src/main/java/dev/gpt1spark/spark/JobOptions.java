package dev.gpt1spark.spark;

import dev.gpt1spark.model.Precision;
import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.task.TaskSpec;
import java.util.Map;

/**
 * Everything a Spark job needs besides the session.
 *
 * @param spec what to do per document
 * @param model checkpoint folder on the driver (either format), or null for tokenize with the
 *     bundled tokenizer
 * @param nHead heads of an original-format checkpoint without config.json, or null
 * @param precision the number type the executors' model computes in; null for auto, the fastest
 *     native one that meets the command's accuracy bar, chosen once on the driver
 * @param input the corpus
 * @param output output folder, any Hadoop file system URI; with {@code outputTable} the staging
 *     folder (null for the default under the warehouse)
 * @param mode what to do when the output exists
 * @param partitions chunks (= Spark partitions = output files); 0 picks one from the input size
 * @param batchDocs documents handed to the model together in a task
 * @param progressSeconds seconds between progress lines; 0 for none
 * @param outputTable the catalog table the rows are published to, or null for a folder output
 * @param outputFormat the output files' format: parquet, orc or json ({@link
 *     JobSettings#OUTPUT_FORMAT})
 * @param outputOptions Spark writer options after the job's own ({@code compression=zstd})
 */
public record JobOptions(
        TaskSpec spec,
        String model,
        Integer nHead,
        Precision precision,
        InputSpec input,
        String output,
        OutputMode mode,
        int partitions,
        int batchDocs,
        int progressSeconds,
        String outputTable,
        String outputFormat,
        Map<String, String> outputOptions) {

    public JobOptions {
        outputFormat =
                JobSettings.OUTPUT_FORMAT.check(
                        outputFormat == null
                                ? JobSettings.OUTPUT_FORMAT.defaultValue()
                                : outputFormat);
        outputOptions = outputOptions == null ? Map.of() : Map.copyOf(outputOptions);
        OutputColumns.checkKept(OutputColumns.of(spec.kind()), input.keepCols());
        if (outputTable != null && !outputFormat.equals(JobSettings.OUTPUT_FORMAT.defaultValue())) {
            throw new SettingException(
                    "Cannot set ",
                    JobSettings.OUTPUT_FORMAT,
                    " to " + outputFormat + " for a table: its rows are staged as Parquet");
        }
    }

    /** A job whose output is the folder {@code output}, in Parquet with the writer's defaults. */
    public JobOptions(
            TaskSpec spec,
            String model,
            Integer nHead,
            Precision precision,
            InputSpec input,
            String output,
            OutputMode mode,
            int partitions,
            int batchDocs,
            int progressSeconds) {
        this(
                spec,
                model,
                nHead,
                precision,
                input,
                output,
                mode,
                partitions,
                batchDocs,
                progressSeconds,
                null,
                null,
                Map.of());
    }

    /** The same job written as {@code format} with these writer options. */
    public JobOptions withOutput(String format, Map<String, String> options) {
        return new JobOptions(
                spec,
                model,
                nHead,
                precision,
                input,
                output,
                mode,
                partitions,
                batchDocs,
                progressSeconds,
                outputTable,
                format,
                options);
    }
}
