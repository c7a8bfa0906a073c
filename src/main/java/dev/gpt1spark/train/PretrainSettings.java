package dev.gpt1spark.train;

import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.Settings;

/**
 * The pretrain command's own settings that {@link PretrainJob} names in its messages; the command
 * line takes them as options ({@code cli/PretrainCommand}).
 */
public final class PretrainSettings {
    private PretrainSettings() {}

    /** Tokens per training sequence; 0 stands for the model's n_positions. */
    public static final Setting<Integer> BLOCK_SIZE =
            Setting.integer("block-size", 0, "Tokens per training sequence")
                    .defaultDoc("the model's n_positions");

    /** Continue from the latest epoch checkpoint in the output folder. */
    public static final Setting<Boolean> RESUME =
            Setting.flag("resume", "Continue from the latest epoch checkpoint in --output");

    /** The settings above, in the order of the command's help. */
    public static final Settings ALL = Settings.of(BLOCK_SIZE, RESUME);
}
