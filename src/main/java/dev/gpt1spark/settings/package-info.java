/**
 * Job settings declared once ({@link dev.gpt1spark.settings.Setting}): the command-line option,
 * job-file key, Spark ML param and summary key of each are derived from its one declaration.
 */
package dev.gpt1spark.settings;
