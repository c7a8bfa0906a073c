package dev.gpt1spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepProgressTest {
    @Test
    void logsTheMeanLossSinceTheLastLineAndSkipsTheEpochsLastStep() {
        List<String> lines = new ArrayList<>();
        StepProgress progress = new StepProgress(2, 3, 0, lines::add);
        progress.stepDone(4.0);
        progress.stepDone(2.0);
        progress.stepDone(1.0); // the epoch's own summary line follows instead
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("epoch 2: step 1/3, loss 4.0000,"), lines.get(0));
        assertTrue(lines.get(1).startsWith("epoch 2: step 2/3, loss 2.0000,"), lines.get(1));
        assertTrue(lines.get(1).contains("s/step, epoch done in"), lines.get(1));
    }

    @Test
    void staysQuietWithinTheInterval() {
        List<String> lines = new ArrayList<>();
        StepProgress progress = new StepProgress(1, 100, 3600, lines::add);
        for (int i = 0; i < 50; i++) {
            progress.stepDone(1.0);
        }
        assertEquals(List.of(), lines);
    }
}
