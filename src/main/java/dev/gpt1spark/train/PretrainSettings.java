package dev.gpt1spark.train;

import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.SettingValues;
import dev.gpt1spark.settings.Settings;

/**
 * The pretrain command's settings: the recipe ({@link TrainingSettings}) with pre-training's peak
 * rate, and its own, which {@link PretrainJob}'s messages name; the command line takes them as
 * options ({@code cli/PretrainCommand}).
 */
public final class PretrainSettings {
    private PretrainSettings() {}

    /** GPT-1's pre-training peak rate. */
    public static final Setting<Double> LR = TrainingSettings.LR.withDefault(2.5e-4);

    /** Tokens per training sequence; 0 stands for the model's n_positions. */
    public static final Setting<Integer> BLOCK_SIZE =
            Setting.integer("block-size", 0, "Tokens per training sequence")
                    .defaultDoc("the model's n_positions");

    /** The local folder of the epoch checkpoints, the final model and the summary. */
    public static final Setting<String> OUTPUT =
            Setting.text(
                            "output",
                            null,
                            "Local folder for the epoch checkpoints, the final model and the"
                                    + " summary")
                    .label("DIR")
                    .required();

    /** Continue from the latest epoch checkpoint in the output folder. */
    public static final Setting<Boolean> RESUME =
            Setting.flag("resume", "")
                    .withDoc("Continue from the latest epoch checkpoint in ", OUTPUT);

    /** The settings above and the recipe's, in the order their values are checked. */
    public static final Settings ALL =
            Settings.of(
                    LR,
                    TrainingSettings.EPOCHS,
                    TrainingSettings.BATCH_SIZE,
                    TrainingSettings.WARMUP,
                    TrainingSettings.WEIGHT_DECAY,
                    TrainingSettings.DROPOUT,
                    TrainingSettings.VALIDATION_FRACTION,
                    TrainingSettings.SEED,
                    BLOCK_SIZE,
                    OUTPUT,
                    RESUME);

    /** The recipe of {@code values} (of {@link #ALL}). */
    public static TrainingOptions recipe(SettingValues values) {
        return TrainingOptions.of(values, values.get(LR), 0);
    }
}
