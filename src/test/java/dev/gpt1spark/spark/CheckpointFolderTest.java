package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.testing.MiniHdfs;
import dev.gpt1spark.testing.SharedFixtures;
import dev.gpt1spark.testing.SlowTier;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SlowTier
class CheckpointFolderTest {
    private static final Path MODEL = SharedFixtures.reference().resolve("tiny-hf");

    @Test
    void aLocalFolderIsUsedInPlace() {
        Configuration conf = new Configuration();
        assertThat(CheckpointFolder.local(MODEL.toString(), conf)).isEqualTo(MODEL);
        assertThat(CheckpointFolder.local(MODEL.toUri().toString(), conf)).isEqualTo(MODEL);
    }

    @Test
    void anHdfsFolderIsCopiedAndReadsLikeTheOriginal(@TempDir Path dir) throws Exception {
        try (MiniHdfs hdfs = MiniHdfs.start(dir.resolve("hdfs"))) {
            String uri = hdfs.putFolder(MODEL, "/models/tiny-hf");
            Configuration conf = hdfs.fileSystem().getConf();

            Path copy = CheckpointFolder.local(uri, conf);
            assertThat(copy.getFileName().toString()).isEqualTo("tiny-hf");
            assertThat(CheckpointReader.read(copy, null).config())
                    .isEqualTo(CheckpointReader.read(MODEL, null).config());

            assertThatThrownBy(() -> CheckpointFolder.local(hdfs.uri() + "/models/none", conf))
                    .hasMessage("model folder " + hdfs.uri() + "/models/none does not exist");
        }
    }
}
