/** GPT-1 as a DJL {@link ai.djl.nn.Block}: the network, its layers and the key/value cache. */
package dev.gpt1spark.model;
