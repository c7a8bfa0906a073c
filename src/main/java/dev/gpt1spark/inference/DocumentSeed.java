package dev.gpt1spark.inference;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives a document's random stream from the global seed and the document id, so sampling does not
 * depend on batch composition, partitioning or retries.
 */
public final class DocumentSeed {
    private DocumentSeed() {}

    /** SplittableRandom's algorithm is fixed by its specification, so streams are portable. */
    public static SplittableRandom random(long globalSeed, String documentId) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64 over the id's UTF-8 bytes
        for (byte b : documentId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(globalSeed ^ h);
    }
}
