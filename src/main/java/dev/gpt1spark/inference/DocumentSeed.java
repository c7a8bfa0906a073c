package dev.gpt1spark.inference;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives a document's random stream from the global seed and the document id, so sampling does not
 * depend on batch composition, partitioning or retries. A document's further samples (several
 * return sequences) each get their own stream; the first sample's is the document's.
 */
public final class DocumentSeed {
    /** SplittableRandom's increment (the golden ratio); sample k moves the seed by k of them. */
    private static final long GAMMA = 0x9e3779b97f4a7c15L;

    private DocumentSeed() {}

    /** SplittableRandom's algorithm is fixed by its specification, so streams are portable. */
    public static SplittableRandom random(long globalSeed, String documentId) {
        return random(globalSeed, documentId, 0);
    }

    /** The stream of one sample of a document; sample 0's is {@link #random(long, String)}. */
    public static SplittableRandom random(long globalSeed, String documentId, int sample) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64 over the id's UTF-8 bytes
        for (byte b : documentId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(globalSeed ^ h ^ (sample * GAMMA));
    }
}
