package dev.gpt1spark.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.gpt1spark.Offline;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our AdamW against DJL's, which it replaces, on the same weights and gradients. */
class AdamWTest {
    private static final Shape SHAPE = new Shape(3, 5);

    @Test
    void matchesDjlsAdamWWithoutWeightDecay() {
        assertThat(largestDifference(0f)).isLessThan(1e-6f);
    }

    @Test
    void matchesDjlsAdamWWithWeightDecay() {
        assertThat(largestDifference(0.1f)).isLessThan(1e-6f);
    }

    /** Largest weight difference after a few steps of both optimisers. */
    private static float largestDifference(float weightDecay) {
        Offline.ensure();
        Random random = new Random(5);
        // warm-up then decay, so the update count the rate is read at matters
        Tracker schedule = LearningRateSchedule.create(0.05, 6, 0.3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray ours = manager.create(values(random), SHAPE);
            NDArray theirs = ours.duplicate();
            ours.setRequiresGradient(true);
            AdamW adam = new AdamW(List.of(new AdamW.Parameter("w", ours, weightDecay)), schedule);
            Optimizer djl =
                    Optimizer.adamW()
                            .optLearningRateTracker(schedule)
                            .optWeightDecays(weightDecay)
                            .build();
            for (int step = 0; step < 5; step++) {
                NDArray gradient = manager.create(values(random), SHAPE);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(ours.mul(gradient).sum()); // d/dw = gradient
                }
                JniUtils.setGradMode(false); // weights change in place outside autograd
                adam.step();
                JniUtils.zeroGrad((PtNDArray) ours);
                djl.update("w", theirs, gradient);
            }
            return ours.sub(theirs).abs().max().getFloat();
        }
    }

    private static float[] values(Random random) {
        float[] values = new float[(int) SHAPE.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
