package dev.gpt1spark.spark;

import dev.gpt1spark.inference.AccuracyBar;
import dev.gpt1spark.inference.PrecisionProbe;
import dev.gpt1spark.inference.PrecisionProbe.Choice;
import dev.gpt1spark.model.Precision;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --precision auto} for a job, on the driver: the probe's choice ({@link PrecisionProbe}) on
 * the checkpoint already read and broadcast, or, when resuming, the precision the job recorded, so
 * that every chunk of one output is computed alike whatever CPU the executors have.
 */
final class AutoPrecision {
    private AutoPrecision() {}

    /**
     * The model to run and what to record about its precision.
     *
     * @param requested the job's precision, null for auto
     * @param previous the job record of the run being resumed, or null
     */
    static Resolved resolve(
            String command, ModelHandle model, Precision requested, Map<String, Object> previous) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("precision_requested", requested == null ? Precision.AUTO : requested.label());
        if (requested != null) {
            return new Resolved(model.withPrecision(requested), record);
        }
        if (previous != null && previous.get("precision") != null) {
            record.put("precision_drift", previous.get("precision_drift"));
            Precision kept = Precision.parse(String.valueOf(previous.get("precision")));
            return new Resolved(model.withPrecision(kept), record);
        }
        AccuracyBar bar = AccuracyBar.of(command);
        Choice choice = PrecisionProbe.choose(model.checkpoint(), bar);
        Map<String, Object> drift = new LinkedHashMap<>(choice.drift().summary());
        drift.put("bar", bar.description());
        record.put("precision_drift", drift);
        return new Resolved(model.withPrecision(choice.precision()), record);
    }

    /** The model in its precision, and the job record's precision fields besides "precision". */
    record Resolved(ModelHandle model, Map<String, Object> record) {}
}
