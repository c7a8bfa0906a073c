package dev.gpt1spark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A real S3 API server for tests: S3Proxy in its own JVM on loopback, keeping its buckets in a
 * local folder, with signed requests (AWS signature v4). Maven copies its jar to {@code
 * gpt1.s3proxy.jar} before the integration tests. Closing it kills that JVM by its PID.
 */
public final class S3Server implements AutoCloseable {
    private static final String KEY = "gpt1-test-key";
    private static final String SECRET = "gpt1-test-secret";

    private final Process process;
    private final Path root;
    private final int port;

    private S3Server(Process process, Path root, int port) {
        this.process = process;
        this.root = root;
        this.port = port;
    }

    /** Starts S3Proxy with its buckets under {@code dir}; logs go to {@code dir/s3proxy.log}. */
    public static S3Server start(Path dir) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("gpt1.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "no S3Proxy jar at " + jar + ": run the tests through mvn verify");
        }
        Path root = Files.createDirectories(dir.resolve("buckets"));
        int port = freePort();
        Path properties = dir.resolve("s3proxy.properties");
        Files.write(
                properties,
                List.of(
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + KEY,
                        "s3proxy.credential=" + SECRET,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + root));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ChildJvm.OPTIONS);
        command.addAll(List.of("-Xmx512m", "-jar", jar.toString()));
        command.addAll(List.of("--properties", properties.toString()));
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("s3proxy.log").toFile())
                        .start();
        S3Server server = new S3Server(process, root, port);
        server.awaitListening(dir.resolve("s3proxy.log"));
        return server;
    }

    /** Creates a bucket: with S3Proxy's file-system store, a bucket is a folder. */
    public String bucket(String name) throws IOException {
        Files.createDirectories(root.resolve(name));
        return "s3a://" + name;
    }

    /** The S3A settings that reach this server, as Hadoop keys ({@code fs.s3a.…}). */
    public Map<String, String> hadoopConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("fs.s3a.endpoint", "http://127.0.0.1:" + port);
        conf.put("fs.s3a.endpoint.region", "us-east-1");
        conf.put("fs.s3a.path.style.access", "true");
        conf.put("fs.s3a.connection.ssl.enabled", "false");
        conf.put("fs.s3a.access.key", KEY);
        conf.put("fs.s3a.secret.key", SECRET);
        return conf;
    }

    /** The same settings as command-line arguments: {@code --conf spark.hadoop.fs.s3a.…=…}. */
    public String[] confArgs() {
        List<String> args = new ArrayList<>();
        hadoopConf()
                .forEach(
                        (k, v) -> {
                            args.add("--conf");
                            args.add("spark.hadoop." + k + "=" + v);
                        });
        return args.toArray(new String[0]);
    }

    /** A new (uncached) Hadoop file system for {@code uri} on this server; the caller closes it. */
    public FileSystem fileSystem(String uri) throws IOException {
        Configuration conf = new Configuration();
        hadoopConf().forEach(conf::set);
        return FileSystem.newInstance(URI.create(uri), conf);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private void awaitListening(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "S3Proxy exited with "
                                + process.exitValue()
                                + ": "
                                + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("S3Proxy did not listen on port " + port + " in 2 min");
    }

    private static int freePort() {
        try (ServerSocket socket =
                new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
