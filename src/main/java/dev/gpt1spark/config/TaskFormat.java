package dev.gpt1spark.config;

import java.util.Arrays;

/**
 * How a checkpoint fine-tuned with GPT-1's task tokens wants its input: {@code _start_ text
 * _classify_}, or {@code _start_ text1 _delimiter_ text2 _classify_} for a pair task. The three
 * tokens are rows appended to the vocabulary by fine-tuning, as in the paper.
 *
 * @param startId id of {@code _start_}
 * @param delimiterId id of {@code _delimiter_}
 * @param classifyId id of {@code _classify_}, the position the head reads
 * @param pair whether the checkpoint was fine-tuned on text pairs
 */
public record TaskFormat(int startId, int delimiterId, int classifyId, boolean pair)
        implements java.io.Serializable {

    /** The token names, in id order, as {@code config.json} records them. */
    public static final String START = "_start_";

    public static final String DELIMITER = "_delimiter_";
    public static final String CLASSIFY = "_classify_";

    /** The three tokens appended after a vocabulary of {@code baseVocab} rows. */
    public static TaskFormat appendedTo(int baseVocab, boolean pair) {
        return new TaskFormat(baseVocab, baseVocab + 1, baseVocab + 2, pair);
    }

    /**
     * The model input for one example, at most {@code nPositions} long.
     *
     * <p>Too long an input loses tokens from the end of its longer text first, so that both texts
     * of a pair keep as much as fits and the special tokens always survive.
     *
     * @param text the (first) text's token ids
     * @param text2 the second text's ids for a pair task, else null
     */
    public long[] format(long[] text, long[] text2, int nPositions) {
        if (pair != (text2 != null)) {
            throw new IllegalArgumentException(
                    pair
                            ? "this checkpoint was fine-tuned on text pairs: give a second text"
                            : "this checkpoint was fine-tuned on single texts, not pairs");
        }
        int special = pair ? 3 : 2;
        int room = nPositions - special;
        if (room < 2) {
            throw new IllegalArgumentException("n_positions " + nPositions + " is too short");
        }
        int n1 = text.length;
        int n2 = pair ? text2.length : 0;
        while (n1 + n2 > room) {
            if (n1 >= n2) {
                n1--;
            } else {
                n2--;
            }
        }
        long[] out = new long[n1 + n2 + special];
        int at = 0;
        out[at++] = startId;
        System.arraycopy(text, 0, out, at, n1);
        at += n1;
        if (pair) {
            out[at++] = delimiterId;
            System.arraycopy(text2, 0, out, at, n2);
            at += n2;
        }
        out[at] = classifyId;
        return out;
    }

    @Override
    public String toString() {
        return (pair ? "pair" : "single")
                + " "
                + Arrays.toString(new int[] {startId, delimiterId, classifyId});
    }
}
