package dev.gpt1spark.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster of separate JVMs (a Master and Workers), started and stopped with the
 * project's own {@code submit/local-cluster}, its state kept in a folder of the test's.
 */
public final class LocalCluster implements AutoCloseable {
    private final Path home;
    private final Path state;
    private final String masterUrl;

    private LocalCluster(Path home, Path state, String masterUrl) {
        this.home = home;
        this.state = state;
        this.masterUrl = masterUrl;
    }

    /** Starts {@code workers} Workers of {@code cores} cores and {@code memory} each. */
    public static LocalCluster start(Path state, int workers, int cores, String memory)
            throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("gpt1.home", ".")).toAbsolutePath();
        String out =
                script(
                        home,
                        state,
                        "start",
                        "--workers",
                        String.valueOf(workers),
                        "--cores",
                        String.valueOf(cores),
                        "--memory",
                        memory);
        String[] lines = out.strip().split("\n");
        String url = lines[lines.length - 1].strip();
        if (!url.startsWith("spark://")) {
            throw new IllegalStateException("submit/local-cluster start printed: " + out);
        }
        return new LocalCluster(home, state, url);
    }

    public String masterUrl() {
        return masterUrl;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script(home, state, "stop");
    }

    private static String script(Path home, Path state, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("submit/local-cluster").toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("local-cluster-", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("GPT1_LOCAL_CLUSTER_DIR", state.toString());
        ChildJvm.environment(builder.environment());
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("submit/local-cluster " + args[0] + " hung");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("submit/local-cluster " + args[0] + " failed: " + out);
        }
        return out;
    }
}
