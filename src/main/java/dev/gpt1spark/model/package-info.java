/** GPT-1 as a DJL {@link ai.djl.nn.Block}: configuration, layers and the key/value cache. */
package dev.gpt1spark.model;
