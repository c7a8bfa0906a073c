package dev.gpt1spark.train;

import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.SettingValues;
import dev.gpt1spark.settings.Settings;
import dev.gpt1spark.task.TaskSettings;

/**
 * The finetune command's settings: the recipe ({@link TrainingSettings}) and its own, which the
 * training code names in its messages; the command line takes them as options ({@code
 * cli/FinetuneCommand}).
 */
public final class FinetuneSettings {
    private FinetuneSettings() {}

    /** GPT-1's fine-tuning peak rate, the default of {@link #LR}. */
    static final double FULL_LR = 6.25e-5;

    /**
     * The default of {@link #LR} with {@link #HEAD_ONLY}: only a linear layer on fixed features
     * learns, so it takes far larger steps.
     */
    static final double HEAD_ONLY_LR = 1e-3;

    /** Train only the head on the frozen model's features. */
    public static final Setting<Boolean> HEAD_ONLY =
            Setting.flag("head-only", "Train only the head on the frozen model's features (fast)");

    /** The peak rate; without a value, {@link #FULL_LR} or {@link #HEAD_ONLY_LR}. */
    public static final Setting<Double> LR =
            TrainingSettings.LR.defaultDoc(
                    Setting.written(FULL_LR)
                            + ", GPT-1's, or "
                            + Setting.written(HEAD_ONLY_LR)
                            + " with ",
                    HEAD_ONLY);

    /** Weight of the auxiliary language-model loss; 0 turns it off. */
    public static final Setting<Double> LM_WEIGHT =
            Setting.real("lm-weight", 0.5, "Weight of the auxiliary language-model loss")
                    .must(">= 0", w -> w >= 0)
                    .label("W");

    /** The input column holding each example's class. */
    public static final Setting<String> LABEL_COL =
            Setting.text("label-col", "label", "Column with the class (any type)").label("NAME");

    /** The column with the second text of a pair task; none for single-text tasks. */
    public static final Setting<String> TEXT2_COL =
            TaskSettings.TEXT2_COL.withDoc(
                    "Column with the second text of a pair task (entailment, similarity)");

    /** The folder of the fine-tuned checkpoint; refused when it holds one already. */
    public static final Setting<String> OUTPUT =
            Setting.text(
                            "output",
                            null,
                            "Local folder for the fine-tuned checkpoint; must not hold one yet")
                    .label("DIR")
                    .required();

    /** The settings above and the recipe's, in the order their values are checked. */
    public static final Settings ALL =
            Settings.of(
                    LR,
                    TrainingSettings.EPOCHS,
                    TrainingSettings.BATCH_SIZE,
                    TrainingSettings.WARMUP,
                    TrainingSettings.WEIGHT_DECAY,
                    TrainingSettings.DROPOUT,
                    LM_WEIGHT,
                    TrainingSettings.VALIDATION_FRACTION,
                    TrainingSettings.SEED,
                    HEAD_ONLY,
                    LABEL_COL,
                    TEXT2_COL,
                    OUTPUT);

    /** The recipe of {@code values} (of {@link #ALL}). */
    public static TrainingOptions recipe(SettingValues values) {
        Double lr = values.get(LR);
        if (lr == null) {
            lr = values.get(HEAD_ONLY) ? HEAD_ONLY_LR : FULL_LR;
        }
        return TrainingOptions.of(values, lr, values.get(LM_WEIGHT));
    }
}
