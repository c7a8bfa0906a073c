package dev.gpt1spark.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.gpt1spark.Offline;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The GPT-1 BPE tokenizer with Hugging Face "fast" semantics, running on DJL's native binding.
 *
 * <p>Ids, tokens and decoded text are exactly those of transformers' {@code
 * OpenAIGPTTokenizerFast}: no BOS/EOS, nothing truncated or padded, {@code <unk>} kept when
 * decoding.
 *
 * <p>One instance is safe to share between threads: the native tokenizer is only read after it is
 * built, and every call makes its own native encoding. It holds native memory, so close it when
 * done (and not while other threads still use it).
 *
 * <pre>{@code
 * try (Gpt1Tokenizer tokenizer = Gpt1Tokenizer.bundled()) {
 *     long[] ids = tokenizer.encode("Hello, world!").ids(); // [3570, 240, 1276, 267]
 * }
 * }</pre>
 */
public final class Gpt1Tokenizer implements AutoCloseable {

    // DJL's defaults would truncate to 512 tokens, and its decode(ids) would drop <unk>.
    private static final Map<String, String> DJL_OPTIONS =
            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

    private final HuggingFaceTokenizer hf;
    private final Vocabulary vocab;

    private Gpt1Tokenizer(HuggingFaceTokenizer nativeTokenizer, Vocabulary vocab) {
        this.hf = nativeTokenizer;
        this.vocab = vocab;
    }

    /** Loads the real GPT-1 files bundled with this library ({@code encoder_bpe_40000.json}). */
    public static Gpt1Tokenizer bundled() {
        return from(TokenizerSource.bundled());
    }

    /**
     * Loads a vocabulary and merges pair: OpenAI's {@code encoder_bpe_40000.json} and {@code
     * vocab_40000.bpe}, or Hugging Face's {@code vocab.json} and {@code merges.txt}.
     *
     * @throws TokenizerLoadException when a file is missing, unreadable or malformed; the message
     *     names the file
     */
    public static Gpt1Tokenizer load(TokenizerFiles files) {
        return from(TokenizerSource.read(files));
    }

    private static Gpt1Tokenizer from(TokenizerSource source) {
        Offline.ensure();
        Vocabulary vocab = Vocabulary.parse(source.vocabJson(), source.vocabName());
        List<String> merges = Merges.parse(source.mergesText(), source.mergesName(), vocab);
        byte[] json = TokenizerJson.build(vocab, merges).getBytes(StandardCharsets.UTF_8);
        try {
            return new Gpt1Tokenizer(
                    HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), DJL_OPTIONS),
                    vocab);
        } catch (IOException e) {
            // Only declared: the stream is in memory.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Encodes one text.
     *
     * @throws IllegalArgumentException when {@code text} is null
     */
    public Encoding encode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text is null");
        }
        return toEncoding(hf.encode(UnpairedSurrogates.replace(text)));
    }

    /**
     * Encodes many texts in one native call, which spreads them over the native thread pool.
     *
     * @return one encoding per text, in the same order
     * @throws IllegalArgumentException when the list or one of its texts is null
     */
    public List<Encoding> encodeBatch(List<String> texts) {
        if (texts == null) {
            throw new IllegalArgumentException("texts is null");
        }
        String[] clean = new String[texts.size()];
        for (int i = 0; i < clean.length; i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new IllegalArgumentException("text " + i + " of the batch is null");
            }
            clean[i] = UnpairedSurrogates.replace(text);
        }
        if (clean.length == 0) {
            return List.of();
        }
        ai.djl.huggingface.tokenizers.Encoding[] encodings = hf.batchEncode(clean);
        List<Encoding> out = new ArrayList<>(encodings.length);
        for (ai.djl.huggingface.tokenizers.Encoding e : encodings) {
            out.add(toEncoding(e));
        }
        return out;
    }

    /**
     * Turns ids back into text: {@code </w>} becomes a space between tokens, {@code <unk>} is kept,
     * and ids outside the vocabulary are dropped.
     *
     * @throws IllegalArgumentException when {@code ids} is null
     */
    public String decode(long[] ids) {
        if (ids == null) {
            throw new IllegalArgumentException("ids is null");
        }
        // The native side narrows ids to 32 bits, so 2^32 + 5 would come back as id 5; drop
        // unknown ids here, as Hugging Face drops them.
        long[] known = Arrays.stream(ids).filter(vocab::hasId).toArray();
        // skipSpecialTokens=false keeps <unk>, as transformers does by default.
        return hf.decode(known, false);
    }

    /** Number of token ids (40,478 for GPT-1), the rows of the token embedding. */
    public int vocabSize() {
        return vocab.size();
    }

    /**
     * The vocabulary string of an id, e.g. {@code "hello</w>"}.
     *
     * @throws IllegalArgumentException when the id is outside the vocabulary
     */
    public String tokenOf(long id) {
        return vocab.tokenOf(id);
    }

    /** Frees the native tokenizer; later calls fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        hf.close();
    }

    private static Encoding toEncoding(ai.djl.huggingface.tokenizers.Encoding e) {
        return new Encoding(e.getIds(), e.getTokens());
    }
}
