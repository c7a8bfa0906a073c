package dev.gpt1spark.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * HDFS on one test host: a NameNode and a DataNode, each its own process started from Hadoop's
 * daemon classes with a configuration folder on its classpath, as Hadoop's scripts do. Clients
 * (HdfsClient) run on whichever host the test names.
 */
public final class HostHdfs {
    private static final int PORT = 8020;
    private static final List<String> JVM =
            Stream.concat(
                            ChildJvm.OPTIONS.stream(),
                            Stream.of("-Xmx384m", "-Dlog4j2.configurationFile=" + logConfig()))
                    .toList();

    private final NetnsHosts hosts;
    private final String host;
    private final Path dir;
    private final String classpath;

    private HostHdfs(NetnsHosts hosts, String host, Path dir) {
        this.hosts = hosts;
        this.host = host;
        this.dir = dir;
        this.classpath = HostJvm.join(dir.resolve("conf"), HostJvm.testClasspath());
    }

    /** Formats a new file system under {@code dir} and starts its daemons on {@code host}. */
    public static HostHdfs start(NetnsHosts hosts, String host, Path dir)
            throws IOException, InterruptedException {
        HostHdfs hdfs = new HostHdfs(hosts, host, dir);
        hdfs.writeConf();
        String nn = "org.apache.hadoop.hdfs.server.namenode.NameNode";
        Process format =
                hosts.start(
                        host,
                        dir.resolve("format.log"),
                        HostJvm.command(hdfs.classpath, JVM, nn, "-format", "-nonInteractive"));
        if (!format.waitFor(5, TimeUnit.MINUTES) || format.exitValue() != 0) {
            throw new IllegalStateException(
                    "NameNode -format failed: " + Files.readString(dir.resolve("format.log")));
        }
        hosts.start(host, dir.resolve("namenode.log"), HostJvm.command(hdfs.classpath, JVM, nn));
        hosts.start(
                host,
                dir.resolve("datanode.log"),
                HostJvm.command(
                        hdfs.classpath, JVM, "org.apache.hadoop.hdfs.server.datanode.DataNode"));
        hdfs.client(host, "wait-datanodes", "1");
        return hdfs;
    }

    /** {@code hdfs://HOST:8020}. */
    public String uri() {
        return "hdfs://" + host + ":" + PORT;
    }

    /** Runs {@link HdfsClient} ops on {@code onHost} and waits for them. */
    public void client(String onHost, String... ops) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(uri()));
        args.addAll(List.of(ops));
        Path log = Files.createTempFile(dir, "client-", ".log");
        Process p =
                hosts.start(
                        onHost,
                        log,
                        HostJvm.command(
                                HostJvm.testClasspath(),
                                JVM,
                                HdfsClient.class.getName(),
                                args.toArray(String[]::new)));
        if (!p.waitFor(6, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    "HDFS client " + args + " on " + onHost + " failed: " + Files.readString(log));
        }
    }

    private void writeConf() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        site(conf.resolve("core-site.xml"), Map.of("fs.defaultFS", uri()));
        site(
                conf.resolve("hdfs-site.xml"),
                Map.of(
                        "dfs.namenode.rpc-address",
                        host + ":" + PORT,
                        "dfs.namenode.http-address",
                        host + ":9870",
                        "dfs.namenode.name.dir",
                        dir.resolve("name").toUri().toString(),
                        "dfs.datanode.data.dir",
                        dir.resolve("data").toUri().toString(),
                        "dfs.replication",
                        "1",
                        "dfs.permissions.enabled",
                        "false",
                        "dfs.namenode.safemode.extension",
                        "0"));
    }

    private static void site(Path file, Map<String, String> properties) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
        properties.forEach(
                (k, v) ->
                        xml.append("  <property><name>")
                                .append(k)
                                .append("</name><value>")
                                .append(v)
                                .append("</value></property>\n"));
        Files.writeString(file, xml.append("</configuration>\n"), StandardCharsets.UTF_8);
    }

    private static Path logConfig() {
        return Path.of(System.getProperty("gpt1.home", "."))
                .toAbsolutePath()
                .resolve("conf/log4j2-local-cluster.properties");
    }
}
