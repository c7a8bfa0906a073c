package dev.gpt1spark.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated {@code tokenizer.json} carries exactly the settings of the reference README. */
class TokenizerJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void settingsMatchTheConverter() throws Exception {
        Vocabulary vocab =
                Vocabulary.parse("{\"<unk>\":0,\"a\":1,\"b</w>\":2,\"ab</w>\":3}", "test vocab");
        JsonNode json = MAPPER.readTree(TokenizerJson.build(vocab, List.of("a b</w>")));

        assertThat(json.get("added_tokens"))
                .isEqualTo(
                        MAPPER.readTree(
                                "[{\"id\":0,\"content\":\"<unk>\",\"single_word\":false,"
                                        + "\"lstrip\":false,\"rstrip\":false,"
                                        + "\"normalized\":false,\"special\":true}]"));
        assertThat(json.get("normalizer"))
                .isEqualTo(
                        MAPPER.readTree(
                                "{\"type\":\"BertNormalizer\",\"clean_text\":true,"
                                        + "\"handle_chinese_chars\":true,\"strip_accents\":null,"
                                        + "\"lowercase\":true}"));
        assertThat(json.get("pre_tokenizer"))
                .isEqualTo(MAPPER.readTree("{\"type\":\"BertPreTokenizer\"}"));
        assertThat(json.get("post_processor").isNull()).isTrue();
        assertThat(json.get("decoder"))
                .isEqualTo(MAPPER.readTree("{\"type\":\"BPEDecoder\",\"suffix\":\"</w>\"}"));
        assertThat(json.get("model"))
                .isEqualTo(
                        MAPPER.readTree(
                                "{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":\"<unk>\","
                                        + "\"continuing_subword_prefix\":null,"
                                        + "\"end_of_word_suffix\":\"</w>\",\"fuse_unk\":false,"
                                        + "\"byte_fallback\":false,\"ignore_merges\":false,"
                                        + "\"vocab\":{\"<unk>\":0,\"a\":1,\"b</w>\":2,\"ab</w>\":3},"
                                        + "\"merges\":[\"a b</w>\"]}"));
    }

    @Test
    void headerAndEmptyLinesAreNotMerges() {
        Vocabulary vocab =
                Vocabulary.parse("{\"<unk>\":0,\"a\":1,\"b</w>\":2,\"ab</w>\":3}", "test vocab");
        assertThat(Merges.parse("#version: 0.2\na b</w>\n\n", "test merges", vocab))
                .containsExactly("a b</w>");
        // Without a header the first line is a merge.
        assertThat(Merges.parse("a b</w>", "test merges", vocab)).containsExactly("a b</w>");
    }
}
