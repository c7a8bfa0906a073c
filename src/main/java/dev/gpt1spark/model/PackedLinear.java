package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A weight re-laid out once by oneDNN for its matrix multiply, applied as y = x·Wᵀ (the LM head) or
 * inside {@link FusedLayer}; the TorchScript is {@code packed_linear.py} beside this class.
 *
 * <p>Why: libtorch's default float32 matmul (MKL sgemm) re-packs the weight on every call, which
 * dominates when x has few rows, as in a decode step (one row per sequence); {@code gpt1 bench}
 * reports both kernels' rates. DJL does not bind oneDNN's linear, so it runs as TorchScript.
 * Inference only: the packed copy does not follow training updates and has no gradient.
 *
 * <p>Off with {@code -Dgpt1.packed-linear=false} (for comparisons), and off by itself where the
 * libtorch build has no oneDNN.
 */
public final class PackedLinear {
    private static final Logger LOG = LoggerFactory.getLogger(PackedLinear.class);

    private final NDArray packed;
    private final long out;

    private PackedLinear(NDArray packed, long out) {
        this.packed = packed;
        this.out = out;
    }

    /**
     * Packs a weight stored {@code [out, in]} (nn.Linear's layout, e.g. the tied LM head), or empty
     * where packing is off or unavailable. The packed copy is tied to the weight's manager.
     */
    public static Optional<PackedLinear> ofOutIn(NDArray weight) {
        return Modules.get()
                .map(m -> new PackedLinear(m.packOutIn.apply(weight), weight.getShape().get(0)));
    }

    /** Packs a weight stored {@code [in, out]} (GPT's Conv1D layout). */
    public static Optional<PackedLinear> ofInOut(NDArray weight) {
        return Modules.get()
                .map(m -> new PackedLinear(m.packInOut.apply(weight), weight.getShape().get(1)));
    }

    /**
     * The oneDNN tensor, for a TorchScript function that applies it itself ({@link FusedLayer}),
     * with its output rows padded as {@code packed_linear.py} says.
     */
    NDArray packed() {
        return packed;
    }

    /** x·Wᵀ for x of shape (…, in): (…, out). */
    public NDArray apply(NDArray x) {
        return Modules.get().orElseThrow().product.call(x, packed, out);
    }

    /** The TorchScript functions, compiled once per JVM on first use. */
    private static final class Modules {
        private static final Optional<Modules> INSTANCE = compile();

        final TorchScriptFunction packOutIn;
        final TorchScriptFunction packInOut;
        final TorchScriptFunction product;

        private Modules() {
            String source = TorchScriptFunction.resource("packed_linear.py");
            packOutIn = TorchScriptFunction.fromSource("PackOutIn", source);
            packInOut = TorchScriptFunction.fromSource("PackInOut", source);
            product = TorchScriptFunction.fromSource("PackedProduct", source);
        }

        static Optional<Modules> get() {
            return INSTANCE;
        }

        private static Optional<Modules> compile() {
            if (!Boolean.parseBoolean(System.getProperty("gpt1.packed-linear", "true"))) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Modules());
            } catch (RuntimeException e) {
                LOG.warn("oneDNN linear unavailable, using matmul: {}", e.getMessage());
                return Optional.empty();
            }
        }
    }
}
