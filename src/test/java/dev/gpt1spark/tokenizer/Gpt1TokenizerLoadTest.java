package dev.gpt1spark.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.testing.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from explicit files, in both naming conventions, and the errors for bad files. */
class Gpt1TokenizerLoadTest {

    private static final Path ORIGINAL = SharedFixtures.gpt1Tokenizer();
    private static final Path VOCAB = ORIGINAL.resolve("encoder_bpe_40000.json");
    private static final Path MERGES = ORIGINAL.resolve("vocab_40000.bpe");

    private static Gpt1Tokenizer bundled;
    private static List<String> texts;

    @TempDir Path dir;

    @BeforeAll
    static void load() {
        bundled = Gpt1Tokenizer.bundled();
        texts = GoldenCase.main().stream().map(GoldenCase::text).toList();
    }

    @AfterAll
    static void close() {
        bundled.close();
    }

    @Test
    void bundledResourcesAreTheReleaseFiles() throws IOException {
        assertThat(resource("encoder_bpe_40000.json")).isEqualTo(Files.readAllBytes(VOCAB));
        assertThat(resource("vocab_40000.bpe")).isEqualTo(Files.readAllBytes(MERGES));
        assertThat(resource("GPT1-TOKENIZER-LICENSE.txt"))
                .isEqualTo(Files.readAllBytes(ORIGINAL.resolve("LICENSE")));
    }

    @Test
    void explicitOpenAiFilesEncodeLikeBundled() {
        try (Gpt1Tokenizer loaded = Gpt1Tokenizer.load(new TokenizerFiles(VOCAB, MERGES))) {
            assertSameAsBundled(loaded);
        }
    }

    @Test
    void huggingFaceFileNamesLoad() throws IOException {
        Path vocab = Files.copy(VOCAB, dir.resolve("vocab.json"));
        Path merges = Files.copy(MERGES, dir.resolve("merges.txt"));
        try (Gpt1Tokenizer loaded = Gpt1Tokenizer.load(new TokenizerFiles(vocab, merges))) {
            assertSameAsBundled(loaded);
        }
    }

    @Test
    void windowsLineEndingsInMergesAreAccepted() throws IOException {
        String crlf = Files.readString(MERGES).replace("\n", "\r\n");
        Path merges = Files.writeString(dir.resolve("merges.txt"), crlf);
        try (Gpt1Tokenizer loaded = Gpt1Tokenizer.load(new TokenizerFiles(VOCAB, merges))) {
            assertSameAsBundled(loaded);
        }
    }

    @Test
    void missingVocabularyIsNamed() {
        Path missing = dir.resolve("no-such-vocab.json");
        assertThatThrownBy(() -> Gpt1Tokenizer.load(new TokenizerFiles(missing, MERGES)))
                .isInstanceOf(TokenizerLoadException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vocabulary file not found: " + missing);
    }

    @Test
    void missingMergesIsNamed() {
        Path missing = dir.resolve("no-such-merges.txt");
        assertThatThrownBy(() -> Gpt1Tokenizer.load(new TokenizerFiles(VOCAB, missing)))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessage("merges file not found: " + missing);
    }

    @Test
    void directoryInsteadOfFileIsNamed() {
        assertThatThrownBy(() -> Gpt1Tokenizer.load(new TokenizerFiles(dir, MERGES)))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessageStartingWith("cannot read vocabulary file " + dir + ": ");
    }

    @Test
    void malformedVocabularyJsonIsNamed() throws IOException {
        Path vocab = Files.writeString(dir.resolve("vocab.json"), "{\"a\": 1,");
        assertThatThrownBy(() -> Gpt1Tokenizer.load(new TokenizerFiles(vocab, MERGES)))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessageStartingWith("vocabulary file " + vocab + " is not valid JSON: ");
    }

    @Test
    void vocabularyThatIsNotAnObjectIsNamed() throws IOException {
        Path vocab = Files.writeString(dir.resolve("vocab.json"), "[\"a\", \"b\"]");
        assertThatThrownBy(() -> Gpt1Tokenizer.load(new TokenizerFiles(vocab, MERGES)))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessage(
                        "vocabulary file "
                                + vocab
                                + " must be a non-empty JSON object of token -> id");
    }

    @Test
    void vocabularyWithBadIdIsNamed() throws IOException {
        Path vocab = Files.writeString(dir.resolve("vocab.json"), "{\"<unk>\": 0, \"a\": \"x\"}");
        assertThatThrownBy(() -> Gpt1Tokenizer.load(new TokenizerFiles(vocab, MERGES)))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessage(
                        "vocabulary file "
                                + vocab
                                + ": token \"a\" has id \"x\"; ids must be the integers 0..1,"
                                + " each used once");
    }

    @Test
    void vocabularyWithoutUnkIsNamed() throws IOException {
        Path vocab = Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"b\": 1}");
        assertThatThrownBy(() -> Gpt1Tokenizer.load(new TokenizerFiles(vocab, MERGES)))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessage("vocabulary file " + vocab + " has no <unk> token");
    }

    @Test
    void binaryVocabularyIsNamed() throws IOException {
        Path vocab = Files.write(dir.resolve("vocab.json"), new byte[] {'{', (byte) 0xff, '}'});
        assertThatThrownBy(() -> Gpt1Tokenizer.load(new TokenizerFiles(vocab, MERGES)))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessage("vocabulary file " + vocab + " is not valid UTF-8");
    }

    @Test
    void mergeLineWithoutTwoSymbolsIsNamedWithItsLine() throws IOException {
        Path merges = Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\nt h\nin\n");
        assertThatThrownBy(() -> Gpt1Tokenizer.load(new TokenizerFiles(VOCAB, merges)))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessage(
                        "merges file "
                                + merges
                                + " line 3: expected two symbols separated by one space,"
                                + " got \"in\"");
    }

    @Test
    void mergeOfUnknownSymbolIsNamedWithItsLine() throws IOException {
        Path merges =
                Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\nt h\nq \u00e9\n");
        assertThatThrownBy(() -> Gpt1Tokenizer.load(new TokenizerFiles(VOCAB, merges)))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessage(
                        "merges file " + merges + " line 3: \"q\u00e9\" is not in the vocabulary");
    }

    @Test
    void emptyMergesFileIsNamed() throws IOException {
        Path merges = Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n");
        assertThatThrownBy(() -> Gpt1Tokenizer.load(new TokenizerFiles(VOCAB, merges)))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessage("merges file " + merges + " has no merges");
    }

    @Test
    void nullFilesAreRejected() {
        assertThatThrownBy(() -> Gpt1Tokenizer.load(null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gpt1Tokenizer.load(new TokenizerFiles(VOCAB, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSameAsBundled(Gpt1Tokenizer loaded) {
        assertThat(loaded.vocabSize()).isEqualTo(bundled.vocabSize());
        assertThat(loaded.encodeBatch(texts)).isEqualTo(bundled.encodeBatch(texts));
    }

    private static byte[] resource(String name) throws IOException {
        try (var in = Gpt1Tokenizer.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
