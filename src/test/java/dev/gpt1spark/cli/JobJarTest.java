package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobJarTest {
    @TempDir Path dir;

    @Test
    void aJarUriIsSubmittedAsItIs() {
        assertThat(JobJar.resolve("hdfs://nn:8020/jars/my-build.jar", Map.of()))
                .isEqualTo("hdfs://nn:8020/jars/my-build.jar");
    }

    @Test
    void aFolderGetsTheJarOnceNamedByItsContent() throws Exception {
        Path jar = Files.write(dir.resolve("gpt1-spark-job.jar"), new byte[] {1, 2, 3, 4});
        String folder = dir.resolve("staged").toUri().toString();

        String first = JobJar.upload(jar, folder, new Configuration());
        Path copy = Path.of(URI.create(first));
        assertThat(copy.getFileName().toString()).matches("gpt1-spark-job-[0-9a-f]{16}\\.jar");
        assertThat(Files.readAllBytes(copy)).containsExactly(1, 2, 3, 4);

        Files.setLastModifiedTime(copy, FileTime.fromMillis(0));
        assertThat(JobJar.upload(jar, folder, new Configuration())).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(copy).toMillis()).as("not copied again").isZero();
        try (var files = Files.list(copy.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no partial upload left")
                    .allMatch(n -> n.equals(copy.getFileName().toString()) || n.endsWith(".crc"));
        }

        Files.write(jar, new byte[] {5});
        assertThat(JobJar.upload(jar, folder, new Configuration()))
                .as("another build, another name")
                .isNotEqualTo(first);
    }

    @Test
    void sparkHadoopSettingsReachTheFileSystem() {
        Configuration hadoop =
                JobJar.hadoopConf(
                        Map.of(
                                "spark.hadoop.fs.s3a.endpoint",
                                "http://127.0.0.1:9000",
                                "spark.x",
                                "y"));
        assertThat(hadoop.get("fs.s3a.endpoint")).isEqualTo("http://127.0.0.1:9000");
        assertThat(hadoop.get("spark.x")).isNull();
    }

    @Test
    void anUnreachableFolderSaysWhichOption() throws Exception {
        Path jar = Files.write(dir.resolve("gpt1-spark-job.jar"), new byte[] {1});
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        assertThatThrownBy(() -> JobJar.upload(jar, file.toUri().toString(), new Configuration()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot put the job jar into --job-jar " + file.toUri());
    }
}
