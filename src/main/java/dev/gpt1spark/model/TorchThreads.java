package dev.gpt1spark.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Torch intra-op threads of the calling thread. With libtorch's OpenMP backend the setting is the
 * calling thread's own, so each Spark task thread can take exactly the cores Spark gave it.
 */
public final class TorchThreads {
    private TorchThreads() {}

    /** Sets the calling thread's intra-op threads (loading the engine first if needed). */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Engine.getEngine("PyTorch"); // loads the native library the setter lives in
        JniUtils.setNumThreads(threads);
    }

    /** The calling thread's intra-op threads. */
    public static int get() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}
