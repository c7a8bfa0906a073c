package dev.gpt1spark.bench;

import dev.gpt1spark.model.Gpt1Model;
import java.util.List;

/**
 * Resident memory growth over a long in-process embed run: read after a warm-up (when the model,
 * the allocator's pools and the JIT have settled) and at the end. Steady growth means tensors or
 * native buffers leak per batch.
 *
 * @param afterWarmupBytes resident bytes after the warm-up documents
 * @param endBytes resident bytes after the run
 * @param peakBytes largest reading, taken after every batch
 */
record RssGrowth(long afterWarmupBytes, long endBytes, long peakBytes) {

    /** Growth from after the warm-up to the end, in percent. */
    double percent() {
        return 100.0 * (endBytes - afterWarmupBytes) / afterWarmupBytes;
    }

    static RssGrowth measure(Gpt1Model model, List<String> texts, int warmupDocs) {
        EmbedCorpus.run(model, texts, 0, warmupDocs, null);
        System.gc(); // heap garbage of the warm-up is not growth
        long start = ResidentMemory.bytes();
        long[] peak = {start};
        EmbedCorpus.run(
                model,
                texts,
                warmupDocs,
                texts.size(),
                () -> peak[0] = Math.max(peak[0], ResidentMemory.bytes()));
        System.gc();
        return new RssGrowth(start, ResidentMemory.bytes(), peak[0]);
    }
}
