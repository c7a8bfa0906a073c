package dev.gpt1spark.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The text of a vocabulary file and a merges file, each with the name used in error messages.
 *
 * @param vocabName where the vocabulary came from (a path or a classpath resource)
 * @param vocabJson the vocabulary JSON text
 * @param mergesName where the merges came from
 * @param mergesText the merges file text
 */
record TokenizerSource(String vocabName, String vocabJson, String mergesName, String mergesText) {

    private static final String RESOURCE_DIR = "/dev/gpt1spark/tokenizer/";
    static final String BUNDLED_VOCAB = "encoder_bpe_40000.json";
    static final String BUNDLED_MERGES = "vocab_40000.bpe";

    /** Reads both files from disk. */
    static TokenizerSource read(TokenizerFiles files) {
        if (files == null || files.vocab() == null || files.merges() == null) {
            throw new IllegalArgumentException(
                    "tokenizer files and both of their paths are required");
        }
        return new TokenizerSource(
                files.vocab().toString(),
                readFile(files.vocab(), "vocabulary"),
                files.merges().toString(),
                readFile(files.merges(), "merges"));
    }

    /** Reads the real GPT-1 files bundled as classpath resources. */
    static TokenizerSource bundled() {
        return new TokenizerSource(
                "classpath:" + RESOURCE_DIR + BUNDLED_VOCAB,
                readResource(BUNDLED_VOCAB),
                "classpath:" + RESOURCE_DIR + BUNDLED_MERGES,
                readResource(BUNDLED_MERGES));
    }

    private static String readFile(Path path, String role) {
        try {
            return decodeUtf8(Files.readAllBytes(path), path.toString(), role);
        } catch (NoSuchFileException e) {
            throw new TokenizerLoadException(role + " file not found: " + path, e);
        } catch (IOException e) {
            throw new TokenizerLoadException("cannot read " + role + " file " + path + ": " + e, e);
        }
    }

    private static String readResource(String name) {
        String resource = RESOURCE_DIR + name;
        try (InputStream in = TokenizerSource.class.getResourceAsStream(resource)) {
            if (in == null) {
                // Only happens when the jar was repackaged without its resources.
                throw new TokenizerLoadException("bundled resource missing: classpath:" + resource);
            }
            return decodeUtf8(in.readAllBytes(), "classpath:" + resource, "bundled");
        } catch (IOException e) {
            throw new TokenizerLoadException("cannot read classpath:" + resource + ": " + e, e);
        }
    }

    // Strict decoding: a binary or mis-encoded file must fail here, naming the file, instead of
    // silently turning into U+FFFD tokens that never match the vocabulary.
    private static String decodeUtf8(byte[] bytes, String name, String role) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new TokenizerLoadException(role + " file " + name + " is not valid UTF-8", e);
        }
    }
}
