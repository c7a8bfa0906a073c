package dev.gpt1spark.train;

import dev.gpt1spark.checkpoint.Safetensors;
import dev.gpt1spark.checkpoint.TensorData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam's moment estimates beside an epoch checkpoint: {@code optimizer.safetensors}, float32, keyed
 * by the parameter's Hugging Face name plus {@code .exp_avg} / {@code .exp_avg_sq} (torch's names
 * for them). The update count goes in {@link PretrainState}.
 */
final class AdamCheckpoint {
    static final String FILE = "optimizer.safetensors";
    private static final String MEAN = ".exp_avg";
    private static final String VARIANCE = ".exp_avg_sq";

    private AdamCheckpoint() {}

    static void write(AdamW adam, Path folder) {
        List<TensorData> tensors = new ArrayList<>();
        for (AdamW.Parameter p : adam.parameters()) {
            tensors.add(CheckpointExport.float32(p.name() + MEAN, adam.mean(p.name())));
            tensors.add(CheckpointExport.float32(p.name() + VARIANCE, adam.variance(p.name())));
        }
        Safetensors.write(folder.resolve(FILE), tensors, false);
    }

    /**
     * Restores {@code adam} from {@code folder}.
     *
     * @param updates the update count saved with the moments
     * @return false when the folder has no moments (written before they were saved)
     */
    static boolean read(AdamW adam, int updates, Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) {
            return false;
        }
        Safetensors saved = Safetensors.open(file);
        Map<String, TensorData> means = new HashMap<>();
        Map<String, TensorData> variances = new HashMap<>();
        for (AdamW.Parameter p : adam.parameters()) {
            means.put(p.name(), saved.read(p.name() + MEAN));
            variances.put(p.name(), saved.read(p.name() + VARIANCE));
        }
        adam.restore(updates, means, variances);
        return true;
    }
}
