package dev.gpt1spark.spark;

import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Precision;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.broadcast.Broadcast;

/**
 * The models of this JVM, one per checkpoint fingerprint and precision, built lazily from the
 * broadcast and kept for the JVM's life: every task and partition of every job reuses it.
 */
final class ExecutorModels {
    private static final Map<String, Gpt1Model> MODELS = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    static Gpt1Model get(
            String fingerprint, Precision precision, Broadcast<ShippedCheckpoint> broadcast) {
        return MODELS.computeIfAbsent(
                fingerprint + "/" + precision.label(),
                key -> Gpt1Model.load(broadcast.value().checkpoint(), precision));
    }
}
