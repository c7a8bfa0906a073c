package dev.gpt1spark.train;

import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.Settings;

/**
 * The finetune command's own settings that the training code names in its messages; the command
 * line takes them as options ({@code cli/FinetuneCommand}).
 */
public final class FinetuneSettings {
    private FinetuneSettings() {}

    /** The input column holding each example's class. */
    public static final Setting<String> LABEL_COL =
            Setting.text("label-col", "label", "Column with the class (any type)").label("NAME");

    /** The settings above, in the order of the command's help. */
    public static final Settings ALL = Settings.of(LABEL_COL);
}
