package dev.gpt1spark.tokenizer;

import java.nio.file.Path;

/**
 * The two files of a GPT-1 BPE tokenizer.
 *
 * @param vocab token-to-id JSON map ({@code vocab.json} or {@code encoder_bpe_40000.json})
 * @param merges ranked merges, one {@code "a b"} pair per line after a {@code #version} header
 *     ({@code merges.txt} or {@code vocab_40000.bpe})
 */
public record TokenizerFiles(Path vocab, Path merges) {}
