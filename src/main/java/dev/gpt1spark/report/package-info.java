/**
 * The run report: one self-contained HTML page (inline SVG, no script, no network) from a summary.
 */
package dev.gpt1spark.report;
