package dev.gpt1spark.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.testing.SharedFixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir Path tmp;

    @Test
    void readsAParamsFileOfTheRelease() {
        Npy npy = Npy.read(Fixtures.tinyOpenai().resolve("params_0.npy"));

        assertThat(npy.dtype()).isEqualTo("<f4");
        assertThat(npy.shape()).containsExactly(269876);
        assertThat(npy.size()).isEqualTo(269876);
        assertThat(npy.data().remaining()).isEqualTo(4 * 269876);
        assertThat(npy.data().isDirect()).as("memory-mapped, not on the heap").isTrue();
        assertThat(Arrays.copyOf(npy.toFloatArray(), 3))
                .containsExactly(-0.0053042485f, 0.034904953f, 0.028851043f);
    }

    @Test
    void readsGoldenInt32AndFloat32Arrays() {
        Path golden = SharedFixtures.reference().resolve("goldens/tiny-tanh/cases/rand_len5");

        Npy ids = Npy.read(golden.resolve("ids.npy"));
        Npy hidden = Npy.read(golden.resolve("hidden_last.npy"));

        assertThat(ids.dtype()).isEqualTo("<i4");
        assertThat(ids.toIntArray()).containsExactly(36317, 23408, 31398, 33744, 9115);
        assertThat(hidden.shape()).containsExactly(5, 64);
        assertThat(Arrays.copyOf(hidden.toFloatArray(), 3))
                .containsExactly(0.9389053f, -1.3979003f, 0.07361316f);
    }

    @Test
    void readsVersion2HeadersAndEveryDtype() {
        ByteBuffer longs = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        longs.putLong(-3).putLong(1L << 40);
        ByteBuffer doubles = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        doubles.putDouble(0.5).putDouble(-1e300);
        ByteBuffer ints = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            ints.putInt(i - 2);
        }
        Fixtures.writeNpy(tmp.resolve("l.npy"), 2, "<i8", new long[] {2}, false, longs.array());
        Fixtures.writeNpy(tmp.resolve("d.npy"), "<f8", new long[] {2}, false, doubles.array());
        Fixtures.writeNpy(tmp.resolve("i.npy"), 3, "<i4", new long[] {2, 3}, false, ints.array());
        Fixtures.writeNpy(tmp.resolve("s.npy"), "<f4", new long[] {}, false, Fixtures.floats(7f));

        assertThat(Npy.read(tmp.resolve("l.npy")).toLongArray()).containsExactly(-3, 1L << 40);
        assertThat(Npy.read(tmp.resolve("d.npy")).toDoubleArray()).containsExactly(0.5, -1e300);
        Npy matrix = Npy.read(tmp.resolve("i.npy"));
        assertThat(matrix.shape()).containsExactly(2, 3);
        assertThat(matrix.toIntArray()).containsExactly(-2, -1, 0, 1, 2, 3);
        Npy scalar = Npy.read(tmp.resolve("s.npy"));
        assertThat(scalar.shape()).isEmpty();
        assertThat(scalar.toFloatArray()).containsExactly(7f);
    }

    @Test
    void badMagicNamesTheFile() {
        Path file = tmp.resolve("x.npy");
        Fixtures.writeString(file, "PK\u0003\u0004 this is a zip, not an array");

        assertThatThrownBy(() -> Npy.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessage(file + ": not a .npy file (bad magic string)");
    }

    @Test
    void fortranOrderIsRefused() {
        Path file = tmp.resolve("f.npy");
        Fixtures.writeNpy(file, "<f4", new long[] {1, 2}, true, Fixtures.floats(1, 2));

        assertThatThrownBy(() -> Npy.read(file))
                .hasMessage(file + ": Fortran-order arrays are not supported (save in C order)");
    }

    @Test
    void bigEndianIsRefused() {
        Path file = tmp.resolve("b.npy");
        Fixtures.writeNpy(file, ">f4", new long[] {1}, false, new byte[4]);

        assertThatThrownBy(() -> Npy.read(file))
                .hasMessage(
                        file + ": big-endian dtype >f4 is not supported (save as little-endian)");
    }

    @Test
    void unsupportedDtypeIsRefused() {
        Path file = tmp.resolve("h.npy");
        Fixtures.writeNpy(file, "<f2", new long[] {2}, false, new byte[4]);

        assertThatThrownBy(() -> Npy.read(file))
                .hasMessage(file + ": unsupported dtype <f2 (supported: <f4, <f8, <i4, <i8)");
    }

    @Test
    void dataShorterThanTheHeaderSaysIsTruncated() {
        Path file = tmp.resolve("t.npy");
        Fixtures.writeNpy(file, "<f4", new long[] {2, 3}, false, Fixtures.floats(1, 2, 3, 4));

        assertThatThrownBy(() -> Npy.read(file))
                .hasMessage(
                        file
                                + ": truncated: the header says shape [2, 3] <f4 (24 bytes) but"
                                + " only 16 bytes of data follow it");
    }

    @Test
    void missingFileIsNamed() {
        Path file = tmp.resolve("absent.npy");

        assertThatThrownBy(() -> Npy.read(file)).hasMessage(file + ": missing file");
    }

    @Test
    void wrongDtypeAccessorNamesTheFile() {
        Path file = tmp.resolve("f.npy");
        Fixtures.writeNpy(file, "<f4", new long[] {1}, false, Fixtures.floats(1));

        assertThatThrownBy(() -> Npy.read(file).toIntArray())
                .hasMessage(file + ": dtype <f4, expected <i4");
    }
}
