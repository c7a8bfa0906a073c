package dev.gpt1spark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.TensorData;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.settings.SettingText;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** The trained weights of a model as a checkpoint, ready for {@code CheckpointWriter}. */
final class CheckpointExport {
    private CheckpointExport() {}

    /**
     * Copies every parameter out of the engine as float32.
     *
     * @param notes what the checkpoint is (training facts), kept in memory only
     */
    static Checkpoint of(Gpt1Model model, List<SettingText> notes) {
        List<TensorData> tensors = new ArrayList<>();
        model.network()
                .forEachParameter(
                        (name, parameter) -> tensors.add(float32(name, parameter.getArray())));
        Checkpoint source = model.checkpoint();
        return Checkpoint.rebuilt(
                Checkpoint.Format.HF, model.config(), tensors, source.tokenizerFiles(), notes);
    }

    /** A float32 copy of {@code array} out of the engine, named {@code name}. */
    static TensorData float32(String name, NDArray array) {
        try (NDArray f32 = array.toType(DataType.FLOAT32, true)) {
            return new TensorData(name, array.getShape().getShape(), copy(f32.toByteBuffer()));
        }
    }

    /** A little-endian direct copy that outlives the engine's buffer. */
    private static ByteBuffer copy(ByteBuffer engine) {
        ByteBuffer out =
                ByteBuffer.allocateDirect(engine.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(engine.order(ByteOrder.nativeOrder()));
        return out.flip();
    }
}
