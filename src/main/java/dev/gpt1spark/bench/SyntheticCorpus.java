package dev.gpt1spark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded corpus of English-looking documents whose lengths spread like real ones: word counts are
 * log-normal (median about 90 words, a long tail past GPT-1's 512 positions), so length bucketing,
 * padding and truncation all do real work.
 */
final class SyntheticCorpus {
    private static final String[] WORDS = {
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "it",
        "as",
        "was",
        "with",
        "be",
        "by",
        "on",
        "not",
        "he",
        "this",
        "are",
        "or",
        "his",
        "from",
        "at",
        "which",
        "but",
        "have",
        "an",
        "had",
        "they",
        "you",
        "were",
        "their",
        "one",
        "all",
        "we",
        "can",
        "her",
        "has",
        "there",
        "been",
        "if",
        "more",
        "when",
        "will",
        "would",
        "who",
        "so",
        "no",
        "time",
        "people",
        "water",
        "river",
        "house",
        "letter",
        "morning",
        "question",
        "answer",
        "window",
        "garden",
        "market",
        "history",
        "science",
        "machine",
        "language",
        "mountain",
        "winter",
        "summer",
        "village",
        "teacher",
        "student",
        "doctor",
        "station",
        "journey",
        "evening",
        "silence",
        "quickly",
        "slowly",
        "bright",
        "ancient",
        "careful",
        "strange",
        "quiet",
        "heavy",
        "little",
        "walked",
        "opened",
        "remembered",
        "understood",
        "carried",
        "whispered",
        "noticed",
        "believed",
        "wondered",
        "returned",
        "finished",
        "discovered",
        ",",
        ".",
        ";",
        "?",
        "!"
    };
    private static final double LOG_MEDIAN_WORDS = Math.log(90);
    private static final double LOG_SPREAD = 0.9;

    private SyntheticCorpus() {}

    /** {@code count} documents; the same seed gives the same texts. */
    static List<String> documents(int count, long seed) {
        return documents(count, seed, LOG_MEDIAN_WORDS);
    }

    /** Short documents (median about 20 words), for runs that need many of them. */
    static List<String> shortDocuments(int count, long seed) {
        return documents(count, seed, Math.log(20));
    }

    private static List<String> documents(int count, long seed, double logMedian) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> docs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double gaussian = gaussian(random);
            int words = (int) Math.max(1, Math.round(Math.exp(logMedian + LOG_SPREAD * gaussian)));
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    text.append(' ');
                }
                text.append(WORDS[random.nextInt(WORDS.length)]);
            }
            docs.add(text.toString());
        }
        return docs;
    }

    /** A standard normal value (Box–Muller), from this generator only. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble(); // (0, 1]
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
