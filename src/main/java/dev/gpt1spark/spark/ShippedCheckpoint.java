package dev.gpt1spark.spark;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.TensorData;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.settings.SettingText;
import dev.gpt1spark.tokenizer.TokenizerFiles;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A checkpoint as the driver broadcasts it: the weights stream straight from the driver's
 * (memory-mapped) buffers into the serialised form, and on an executor straight into direct
 * buffers, so the 466 MB of GPT-1 never sit on either Java heap as arrays.
 *
 * <p>Kryo is told to use Java serialisation for it, so custom streaming applies whichever
 * serializer Spark is configured with.
 */
@DefaultSerializer(JavaSerializer.class)
public final class ShippedCheckpoint implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int CHUNK = 1 << 20;

    private transient Checkpoint checkpoint;
    private transient String fingerprint;

    ShippedCheckpoint(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.fingerprint = checkpoint.fingerprint();
    }

    /** The checkpoint; on an executor, rebuilt from the shipped bytes. */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** The checkpoint's fingerprint, computed once on the driver. */
    public String fingerprint() {
        return fingerprint;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.writeUTF(fingerprint);
        out.writeUTF(checkpoint.format().name());
        out.writeObject(checkpoint.config());
        out.writeObject(new ArrayList<>(checkpoint.noteTexts()));
        Optional<TokenizerFiles> tokenizer = checkpoint.tokenizerFiles();
        out.writeBoolean(tokenizer.isPresent());
        if (tokenizer.isPresent()) {
            writeBytes(out, Files.readAllBytes(tokenizer.get().vocab()));
            writeBytes(out, Files.readAllBytes(tokenizer.get().merges()));
        }
        out.writeInt(checkpoint.tensors().size());
        byte[] chunk = new byte[CHUNK];
        for (TensorData t : checkpoint.tensors().values()) {
            out.writeUTF(t.name());
            out.writeObject(t.shape());
            ByteBuffer data = t.data();
            while (data.hasRemaining()) {
                int n = Math.min(chunk.length, data.remaining());
                data.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        fingerprint = in.readUTF();
        Checkpoint.Format format = Checkpoint.Format.valueOf(in.readUTF());
        ModelConfig config = (ModelConfig) in.readObject();
        List<SettingText> notes = (List<SettingText>) in.readObject();
        Optional<TokenizerFiles> tokenizer = Optional.empty();
        if (in.readBoolean()) {
            tokenizer = Optional.of(writeTokenizer(readBytes(in), readBytes(in)));
        }
        int count = in.readInt();
        List<TensorData> tensors = new ArrayList<>(count);
        byte[] chunk = new byte[CHUNK];
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            long[] shape = (long[]) in.readObject();
            long size = Float.BYTES;
            for (long d : shape) {
                size *= d;
            }
            ByteBuffer data =
                    ByteBuffer.allocateDirect(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
            while (data.hasRemaining()) {
                int n = Math.min(chunk.length, data.remaining());
                in.readFully(chunk, 0, n);
                data.put(chunk, 0, n);
            }
            data.flip();
            tensors.add(new TensorData(name, shape, data));
        }
        checkpoint = Checkpoint.rebuilt(format, config, tensors, tokenizer, notes);
    }

    private static void writeBytes(ObjectOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(ObjectInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }

    /** The tokenizer reads files, so an executor keeps the shipped ones in a temporary folder. */
    private static TokenizerFiles writeTokenizer(byte[] vocab, byte[] merges) {
        try {
            Path dir = Files.createTempDirectory("gpt1-tokenizer");
            Path vocabFile = Files.write(dir.resolve("vocab.json"), vocab);
            Path mergesFile = Files.write(dir.resolve("merges.txt"), merges);
            vocabFile.toFile().deleteOnExit();
            mergesFile.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return new TokenizerFiles(vocabFile, mergesFile);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot keep the shipped tokenizer files: " + e.getMessage(), e);
        }
    }
}
