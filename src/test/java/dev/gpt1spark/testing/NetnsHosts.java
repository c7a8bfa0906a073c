package dev.gpt1spark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Separate hosts on one Linux machine: one network namespace per host, joined by a bridge that sits
 * in a namespace of its own, so the machine's own interfaces, routes and firewall never see their
 * traffic. Each host has an address in {@value #SUBNET}0/24, which exists only inside these
 * namespaces, no default route (nothing else is reachable), its own hostname ({@code unshare
 * --uts}) and its own {@code /etc/hosts} and {@code /etc/resolv.conf} ({@code /etc/netns/NS/},
 * which {@code ip netns exec} mounts over {@code /etc}). Needs root and iproute2.
 *
 * <p>One set at a time per machine (a lock file); what an aborted run left behind (namespaces,
 * their processes, {@code /etc/netns} folders) is removed on start, and everything again on close.
 */
public final class NetnsHosts implements AutoCloseable {
    private static final String PREFIX = "gpt1mh-";
    private static final String SWITCH = PREFIX + "sw";
    private static final String SUBNET = "10.217.41.";
    private static final Path NETNS_ETC = Path.of("/etc/netns");
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "gpt1mh.lock");

    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final FileChannel lockFile;
    private final FileLock lock;

    private NetnsHosts(FileChannel lockFile, FileLock lock) {
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** Fails (never skips) where namespaces cannot be made: not root, or no {@code ip}. */
    public static void requireRootAndIproute2() {
        String uid = run(List.of("id", "-u")).strip();
        boolean ip =
                Stream.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")
                        .anyMatch(p -> Files.isExecutable(Path.of(p)));
        if (!"0".equals(uid) || !ip) {
            throw new IllegalStateException(
                    "the multi-host cluster test needs root and iproute2 (uid "
                            + uid
                            + ", ip "
                            + (ip ? "found" : "missing")
                            + "); CI runs as root and .ci/run installs iproute2");
        }
    }

    /** Makes one namespace per hostname, addresses .11, .12, … in the order given. */
    public static NetnsHosts create(String... hostnames) throws IOException {
        requireRootAndIproute2();
        FileChannel channel =
                FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        NetnsHosts hosts = new NetnsHosts(channel, channel.lock());
        try {
            removeLeftovers();
            hosts.build(hostnames);
            return hosts;
        } catch (RuntimeException | IOException e) {
            hosts.close();
            throw e;
        }
    }

    private void build(String... hostnames) throws IOException {
        ip("netns", "add", SWITCH);
        ip("-n", SWITCH, "link", "add", "br0", "type", "bridge");
        ip("-n", SWITCH, "link", "set", "br0", "up");
        for (int i = 0; i < hostnames.length; i++) {
            addresses.put(hostnames[i], SUBNET + (11 + i));
        }
        StringBuilder hostsFile = new StringBuilder("127.0.0.1 localhost\n");
        addresses.forEach((name, address) -> hostsFile.append(address + " " + name + "\n"));
        for (Map.Entry<String, String> host : addresses.entrySet()) {
            String ns = namespace(host.getKey());
            ip("netns", "add", ns);
            ip(
                    "-n",
                    SWITCH,
                    "link",
                    "add",
                    "v-" + host.getKey(),
                    "type",
                    "veth",
                    "peer",
                    "name",
                    "eth0",
                    "netns",
                    ns);
            ip("-n", SWITCH, "link", "set", "v-" + host.getKey(), "master", "br0", "up");
            ip("-n", ns, "addr", "add", host.getValue() + "/24", "dev", "eth0");
            ip("-n", ns, "link", "set", "eth0", "up");
            ip("-n", ns, "link", "set", "lo", "up");
            Path etc = Files.createDirectories(NETNS_ETC.resolve(ns));
            Files.writeString(etc.resolve("hosts"), hostsFile, StandardCharsets.UTF_8);
            // No name server: a name outside the hosts file fails at once, on loopback.
            Files.writeString(etc.resolve("resolv.conf"), "nameserver 127.0.0.1\n");
        }
    }

    public String address(String host) {
        return addresses.get(host);
    }

    /**
     * The command, run on {@code host} with that hostname, as a process builder whose environment
     * holds nothing that pins addresses (the test JVM's SPARK_LOCAL_IP is removed).
     */
    public ProcessBuilder builder(String host, List<String> command) {
        if (!addresses.containsKey(host)) {
            throw new IllegalArgumentException("no host " + host);
        }
        List<String> full = new ArrayList<>();
        full.addAll(List.of("ip", "netns", "exec", namespace(host), "unshare", "--uts"));
        // ip netns exec and unshare exec in place, and so does sh: the process is the command.
        full.addAll(List.of("sh", "-c", "hostname \"$0\" && exec \"$@\"", host));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full);
        builder.environment().remove("SPARK_LOCAL_IP");
        return builder;
    }

    /** Starts the command on {@code host}, standard output and error to {@code log}. */
    public Process start(String host, Path log, List<String> command) throws IOException {
        return builder(host, command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Processes that run on {@code host} now (every process in its namespace). */
    public List<ProcessHandle> processes(String host) {
        return processesIn(namespace(host));
    }

    @Override
    public void close() {
        try {
            removeLeftovers();
        } finally {
            try {
                lock.release();
                lockFile.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Kills every process in our namespaces by PID, then deletes them and their /etc files. */
    private static void removeLeftovers() {
        List<String> ours =
                run(List.of("ip", "netns", "list"))
                        .lines()
                        .map(line -> line.split("\\s+")[0])
                        .filter(ns -> ns.startsWith(PREFIX))
                        .toList();
        for (String ns : ours) {
            List<ProcessHandle> left = processesIn(ns);
            left.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : left) {
                p.onExit().completeOnTimeout(p, 30, TimeUnit.SECONDS).join();
            }
        }
        for (String ns : ours) {
            ip("netns", "del", ns);
        }
        try (Stream<Path> dirs = Files.exists(NETNS_ETC) ? Files.list(NETNS_ETC) : Stream.empty()) {
            for (Path dir :
                    dirs.filter(d -> d.getFileName().toString().startsWith(PREFIX)).toList()) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
            if (Files.isDirectory(NETNS_ETC)) {
                try (Stream<Path> rest = Files.list(NETNS_ETC)) {
                    if (rest.findAny().isEmpty()) {
                        Files.delete(NETNS_ETC);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + NETNS_ETC + ": " + e, e);
        }
    }

    private static List<ProcessHandle> processesIn(String ns) {
        return run(List.of("ip", "netns", "pids", ns))
                .lines()
                .filter(s -> !s.isBlank())
                .map(s -> ProcessHandle.of(Long.parseLong(s.strip())))
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    private static String namespace(String host) {
        return PREFIX + host;
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        run(command);
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
