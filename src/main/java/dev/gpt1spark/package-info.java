/** gpt1-spark: OpenAI's GPT-1 on Deep Java Library, for batch jobs over text corpora. */
package dev.gpt1spark;
