package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A float32 weight re-laid out once by oneDNN for its matrix multiply, applied as y = x·Wᵀ (the LM
 * head) or inside {@link FusedLayer}.
 *
 * <p>Why: libtorch's default float32 matmul (MKL sgemm) re-packs the weight on every call, which
 * dominates when x has few rows. A decode step has one row per sequence: measured on a 2-core AVX2
 * EPYC, 8 × 768 by a 768 × 3072 weight takes 2.3–2.8 ms through matmul and 0.6 ms pre-packed (the
 * time to stream the weight once), 64 rows 5.0 ms against 2.8 ms, 2048 rows the same 80 ms. DJL
 * does not bind oneDNN's linear, so it runs as TorchScript. Inference only: the packed copy does
 * not follow training updates and has no gradient.
 *
 * <p>Off with {@code -Dgpt1.packed-linear=false} (for comparisons), and off by itself where the
 * libtorch build has no oneDNN.
 */
public final class PackedLinear {
    private static final Logger LOG = LoggerFactory.getLogger(PackedLinear.class);
    private static final String APPLY =
            "ops.mkldnn._linear_pointwise(torch.flatten(x, 0, -2), p, None, \"none\","
                    + " annotate(List[Optional[number]], []), \"\")";

    private final NDArray packed;

    private PackedLinear(NDArray packed) {
        this.packed = packed;
    }

    /**
     * Packs a weight stored {@code [out, in]} (nn.Linear's layout, e.g. the tied LM head), or empty
     * where packing is off or unavailable. The packed copy is tied to the weight's manager.
     */
    public static Optional<PackedLinear> ofOutIn(NDArray weight) {
        return Modules.get().map(m -> new PackedLinear(m.pack.apply(weight)));
    }

    /** Packs a weight stored {@code [in, out]} (GPT's Conv1D layout). */
    public static Optional<PackedLinear> ofInOut(NDArray weight) {
        return Modules.get().map(m -> new PackedLinear(m.packTransposed.apply(weight)));
    }

    /**
     * The oneDNN tensor, for a TorchScript function that applies it itself ({@link FusedLayer}).
     */
    NDArray packed() {
        return packed;
    }

    /** x·Wᵀ for x of shape (…, in). */
    public NDArray apply(NDArray x) {
        return Modules.get().orElseThrow().noBias.apply(x, packed);
    }

    /** The TorchScript functions, compiled once per JVM on first use. */
    private static final class Modules {
        private static final Optional<Modules> INSTANCE = compile();

        final TorchScriptFunction pack;
        final TorchScriptFunction packTransposed;
        final TorchScriptFunction noBias;

        private Modules() {
            pack = TorchScriptFunction.of("PackLinear", "ops.mkldnn._reorder_linear_weight(x)");
            packTransposed =
                    TorchScriptFunction.of(
                            "PackLinearT",
                            "ops.mkldnn._reorder_linear_weight(torch.contiguous(torch.t(x)))");
            noBias =
                    TorchScriptFunction.compile(
                            "PackedLinearNoBias",
                            "x: Tensor, p: Tensor",
                            // oneDNN takes 2-D input: rows are flattened, the leading shape
                            // restored
                            "    y = "
                                    + APPLY
                                    + "\n    return torch.unflatten(y, 0,"
                                    + " torch.slice(torch.size(x), 0, -1))\n");
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
