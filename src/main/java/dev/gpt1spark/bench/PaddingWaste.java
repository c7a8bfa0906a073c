package dev.gpt1spark.bench;

import dev.gpt1spark.inference.MicroBatches;
import dev.gpt1spark.inference.PaddedWidth;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.tokenizer.Encoding;
import java.util.List;

/**
 * The share of computed positions that are padding after the embed task's length bucketing: per
 * {@code batchDocs} documents, lengths (truncated to n_positions, padded by {@link PaddedWidth})
 * are packed by {@link MicroBatches#plan} and every micro-batch costs rows × its padded width.
 */
final class PaddingWaste {
    private PaddingWaste() {}

    /** Padded positions ÷ computed positions, in [0, 1). */
    static double of(Gpt1Model model, List<String> texts, int batchDocs, int batchTokens) {
        int nPositions = model.config().nPositions();
        long real = 0;
        long computed = 0;
        for (int start = 0; start < texts.size(); start += batchDocs) {
            List<String> chunk = texts.subList(start, Math.min(texts.size(), start + batchDocs));
            List<Encoding> encodings = model.tokenizer().encodeBatch(chunk);
            int[] lengths = new int[encodings.size()];
            int[] widths = new int[encodings.size()];
            for (int i = 0; i < widths.length; i++) {
                int length = Math.min(nPositions, encodings.get(i).size());
                real += length;
                widths[i] = PaddedWidth.of(length);
            }
            for (int[] group :
                    MicroBatches.plan(widths, batchTokens, MicroBatches.FORWARD_CALL_POSITIONS)) {
                int width = 0;
                for (int index : group) {
                    width = Math.max(width, widths[index]);
                }
                computed += (long) width * group.length;
            }
        }
        return computed == 0 ? 0 : 1 - (double) real / computed;
    }
}
