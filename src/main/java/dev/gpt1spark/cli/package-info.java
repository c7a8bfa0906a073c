/** The {@code gpt1} command line: one picocli subcommand per job. */
package dev.gpt1spark.cli;
