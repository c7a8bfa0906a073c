package dev.gpt1spark.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Builds the Hugging Face {@code tokenizer.json} text of the GPT-1 "fast" tokenizer.
 *
 * <p>The settings are those of transformers' {@code OpenAIGPTConverter}: {@code <unk>} as a special
 * added token matched in the raw text, BERT normalisation (clean text, CJK split, accent strip,
 * lowercase), BERT pre-tokenization, BPE with the {@code </w>} end-of-word suffix and one {@code
 * <unk>} per unknown code point, and no post-processor (GPT-1 has no BOS/EOS).
 */
final class TokenizerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String END_OF_WORD = "</w>";

    private TokenizerJson() {}

    /** Returns the tokenizer JSON for a vocabulary and its merges in rank order. */
    static String build(Vocabulary vocab, List<String> merges) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", "1.0");
        // Truncation and padding stay off here; DJL sets its own from the options it is given.
        root.putNull("truncation");
        root.putNull("padding");
        root.set("added_tokens", MAPPER.createArrayNode().add(unkAddedToken(vocab)));
        root.set("normalizer", normalizer());
        root.set("pre_tokenizer", MAPPER.createObjectNode().put("type", "BertPreTokenizer"));
        root.putNull("post_processor");
        root.set(
                "decoder",
                MAPPER.createObjectNode().put("type", "BPEDecoder").put("suffix", END_OF_WORD));
        root.set("model", model(vocab, merges));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write tokenizer JSON", e);
        }
    }

    // normalized=false: "<unk>" is cut out of the raw text before lowercasing, so "<UNK>" is not.
    private static ObjectNode unkAddedToken(Vocabulary vocab) {
        return MAPPER.createObjectNode()
                .put("id", vocab.idOf(Vocabulary.UNK))
                .put("content", Vocabulary.UNK)
                .put("single_word", false)
                .put("lstrip", false)
                .put("rstrip", false)
                .put("normalized", false)
                .put("special", true);
    }

    // strip_accents null means "follow lowercase", i.e. on.
    private static ObjectNode normalizer() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", "BertNormalizer");
        node.put("clean_text", true);
        node.put("handle_chinese_chars", true);
        node.putNull("strip_accents");
        node.put("lowercase", true);
        return node;
    }

    // fuse_unk=false: each unknown code point is its own <unk>; no byte fallback.
    private static ObjectNode model(Vocabulary vocab, List<String> merges) {
        ObjectNode model = MAPPER.createObjectNode();
        model.put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", Vocabulary.UNK);
        model.putNull("continuing_subword_prefix");
        model.put("end_of_word_suffix", END_OF_WORD);
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocabNode = model.putObject("vocab");
        for (Map.Entry<String, Integer> e : vocab.entries().entrySet()) {
            vocabNode.put(e.getKey(), e.getValue());
        }
        // The "a b" string form: every tokenizers version, including the one DJL bundles, reads it.
        ArrayNode mergesNode = model.putArray("merges");
        merges.forEach(mergesNode::add);
        return model;
    }
}
