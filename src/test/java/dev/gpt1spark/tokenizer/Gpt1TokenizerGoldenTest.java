package dev.gpt1spark.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The bundled tokenizer against the golden cases of {@code reference/tokenizer}. */
class Gpt1TokenizerGoldenTest {

    private static Gpt1Tokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = Gpt1Tokenizer.bundled();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesIdsTokensAndDecodedText() {
        List<GoldenCase> cases = GoldenCase.main();
        assertThat(cases).hasSize(301);
        return cases.stream().map(c -> dynamicTest(c.label(), () -> assertMatches(c)));
    }

    // Optional cases: HF's Unicode 8.0 category tables and newer lowercase tables. DJL 0.36 bundles
    // tokenizers 0.21.0, which uses the same tables as the 0.23.2 reference, so all 12 match.
    @TestFactory
    Stream<DynamicTest> unicodeVersionEdgeCasesMatchHuggingFace() {
        List<GoldenCase> cases = GoldenCase.unicodeEdge();
        assertThat(cases).hasSize(12);
        return cases.stream().map(c -> dynamicTest(c.label(), () -> assertMatches(c)));
    }

    @Test
    void batchEncodingEqualsOneByOne() {
        List<GoldenCase> cases = GoldenCase.main();
        List<Encoding> batch = tokenizer.encodeBatch(cases.stream().map(GoldenCase::text).toList());
        assertThat(batch).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            assertThat(batch.get(i).ids())
                    .as(cases.get(i).label())
                    .containsExactly(cases.get(i).ids());
        }
    }

    @Test
    void longDocumentIsNotTruncated() {
        GoldenCase doc =
                GoldenCase.main().stream()
                        .filter(c -> c.category().equals("document_20k"))
                        .findFirst()
                        .orElseThrow();
        assertThat(doc.text()).hasSize(20_000);
        assertThat(tokenizer.encode(doc.text()).ids()).hasSize(4_602);
    }

    @Test
    void vocabularyIsGpt1s() {
        assertThat(tokenizer.vocabSize()).isEqualTo(40_478);
        assertThat(tokenizer.tokenOf(0)).isEqualTo("<unk>");
        assertThat(tokenizer.tokenOf(246)).isEqualTo("a</w>");
        assertThat(tokenizer.tokenOf(40_477)).isEqualTo("\n</w>");
    }

    static void assertMatches(GoldenCase c) {
        Encoding encoding = tokenizer.encode(c.text());
        assertThat(encoding.ids()).as("ids").containsExactly(c.ids());
        assertThat(encoding.tokens()).as("tokens").containsExactly(c.tokens());
        assertThat(tokenizer.decode(c.ids())).as("decoded").isEqualTo(c.decoded());
    }
}
