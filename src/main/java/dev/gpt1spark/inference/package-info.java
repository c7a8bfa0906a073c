/** What a job does with GPT-1 per document: embed, score, classify and generate. */
package dev.gpt1spark.inference;
