package dev.gpt1spark.checkpoint;

import dev.gpt1spark.settings.SettingText;
import dev.gpt1spark.tokenizer.TokenizerFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the BPE tokenizer files that may sit beside the weights: Hugging Face's {@code vocab.json}
 * + {@code merges.txt} or the release's {@code encoder_bpe_40000.json} + {@code vocab_40000.bpe}.
 */
final class TokenizerFilesLocator {

    private static final List<String[]> PAIRS =
            List.of(
                    new String[] {"vocab.json", "merges.txt"},
                    new String[] {"encoder_bpe_40000.json", "vocab_40000.bpe"});

    private TokenizerFilesLocator() {}

    /**
     * The first complete pair in {@code dir}, or empty when there is none.
     *
     * @throws CheckpointException when one file of a pair is there without the other
     */
    static Optional<TokenizerFiles> find(Path dir, List<SettingText> notes) {
        Optional<TokenizerFiles> found = Optional.empty();
        for (String[] pair : PAIRS) {
            Path vocab = dir.resolve(pair[0]);
            Path merges = dir.resolve(pair[1]);
            boolean hasVocab = Files.isRegularFile(vocab);
            boolean hasMerges = Files.isRegularFile(merges);
            if (hasVocab != hasMerges) {
                Path present = hasVocab ? vocab : merges;
                Path absent = hasVocab ? merges : vocab;
                throw new CheckpointException(
                        absent
                                + ": missing file ("
                                + present.getFileName()
                                + " is there; a tokenizer needs both)");
            }
            if (hasVocab && found.isEmpty()) {
                found = Optional.of(new TokenizerFiles(vocab, merges));
                notes.add(new SettingText("tokenizer files " + pair[0] + " + " + pair[1]));
            } else if (hasVocab) {
                notes.add(new SettingText("ignored tokenizer files " + pair[0] + " + " + pair[1]));
            }
        }
        if (found.isEmpty()) {
            notes.add(
                    new SettingText(
                            "no tokenizer files beside the weights (use the bundled GPT-1 tokenizer)"));
        }
        return found;
    }
}
