package dev.gpt1spark.model;

import ai.djl.nn.Parameter;

/** Builds the block parameters, named exactly as the Hugging Face checkpoint names them. */
final class Params {
    private Params() {}

    /** A parameter whose array is set from a checkpoint, never drawn by an initializer. */
    static Parameter weight(String name) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
    }

    static Parameter bias(String name) {
        return Parameter.builder().setName(name).setType(Parameter.Type.BIAS).build();
    }

    static Parameter gamma(String name) {
        return Parameter.builder().setName(name).setType(Parameter.Type.GAMMA).build();
    }

    static Parameter beta(String name) {
        return Parameter.builder().setName(name).setType(Parameter.Type.BETA).build();
    }
}
