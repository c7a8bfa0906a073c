/** The GPT-1 BPE tokenizer with Hugging Face "fast" semantics, on DJL's tokenizers binding. */
package dev.gpt1spark.tokenizer;
