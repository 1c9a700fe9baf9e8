package io.k3j.bench;

import io.k3j.bench.agents.AgentSimulator;
import io.k3j.bench.agents.NodeReadiness;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Agent scale: many simulated agents ({@link AgentSimulator}) register with a real
 * {@code bin/k3j server} and are then held Ready while the server's CPU and heap are sampled;
 * then one real {@code bin/k3j agent} joins, for its resident memory.
 */
final class AgentScaleBenchmark {

    /** 4,096 node /24s: room for a thousand nodes and more. */
    private static final String CLUSTER_CIDR = "10.32.0.0/12";
    private static final String PREFIX = "sim";
    private static final String REAL_AGENT = "real-agent";
    /** How long the benchmark waits for every node to be Ready before it gives up. */
    private static final Duration READY_WAIT = Duration.ofMinutes(10);
    /** How long a real agent runs before its memory is read: several lease renewals and status checks. */
    private static final Duration AGENT_SETTLE = Duration.ofSeconds(30);
    private static final Duration SAMPLE = Duration.ofSeconds(10);
    /** How often the benchmark lists the nodes while they register. */
    private static final Duration LIST_INTERVAL = Duration.ofSeconds(10);

    private final Path launcher;
    private final Consumer<String> out;

    AgentScaleBenchmark(Path launcher, Consumer<String> out) {
        this.launcher = launcher;
        this.out = out;
    }

    /** What registering took. */
    private record Registering(AgentSimulator.Registrations registrations, double allReadySeconds, int readyAtEnd,
            double serverCores, double simulatorCores, double load) {
    }

    /** What holding the nodes Ready cost the server, and whether they stayed Ready. */
    private record Holding(double seconds, double serverCpuPercent, double maxWindowCpuPercent, double simulatorCpuPercent,
            double localAgentCpuPercent, double load,
            HeapSampler.Sample heapFirst, HeapSampler.Sample heapLast, double maxHeapUsedKb, long rssBeforeKb, long rssAfterKb,
            int flaps, int watchEvents, Optional<String> watchBroken, long readyAgain, int readyAtEnd, int otherNodes,
            int heartbeatWarnings,
            int tunnelsDropped, int taskFailures) {
    }

    private record RealAgent(double readySeconds, long rssKb, String jvmFlags) {
    }

    void run(int nodes, int inFlight, Duration hold, Optional<Path> jfr) throws Exception {
        Path dataDir = Files.createTempDirectory("k3j-bench-agents");
        Path logs = Files.createTempDirectory("k3j-bench-agents-logs");
        out.accept("\n### Agent scale (bin/k3j server, embedded H2; simulated agents)\n");
        Registering registering;
        Holding holding;
        RealAgent agent;
        String serverFlags;
        double maxHeapKb;
        AgentSimulator.Registrations registrations;
        Duration renew;
        Duration report;
        try (BenchServer server = BenchServer.start(launcher, dataDir, logs.resolve("server.log"),
                // the server announces its advertise address to agents, which must be one it listens on
                Map.of("K3J_CLUSTER_CIDR", CLUSTER_CIDR, "K3J_ADVERTISE_ADDRESS", "127.0.0.1"))) {
            long pid = server.process().pid();
            serverFlags = jvmFlags(pid);
            maxHeapKb = HeapSampler.maxHeapKb(pid);
            HttpClient admin = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(server.tls()).build();
            NodeReadiness readiness = new NodeReadiness(admin, server.uri(""), server.adminToken(), PREFIX + "-");
            try (AgentSimulator simulator = new AgentSimulator(server.uri(""), server.clusterToken(), logs.resolve("simulator.log"))) {
                renew = simulator.leaseRenewInterval();
                report = simulator.statusReportInterval();
                jfr.ifPresent(file -> jcmd(pid, "JFR.start", "name=k3j-agents", "settings=profile"));
                registering = register(server, simulator, readiness, nodes, inFlight);
                jfr.ifPresent(file -> jcmd(pid, "JFR.stop", "name=k3j-agents", "filename=" + file.toAbsolutePath()));
                registrations = registering.registrations();
                System.out.printf("registered %d in %.1f s; all Ready after %.1f s; holding %d s%n",
                        registrations.latencies().length, registrations.registeredNanos() / 1e9,
                        registering.allReadySeconds(), hold.toSeconds());
                holding = hold(server, simulator, readiness, nodes, hold);
            }
            agent = realAgent(server, readiness, logs);
        } finally {
            deleteTree(dataDir); // the server's database and Payara's files: over 100 MB a run
        }
        report(nodes, inFlight, hold, serverFlags, maxHeapKb, registering, holding, agent, renew, report, logs, jfr);
    }

    private Registering register(BenchServer server, AgentSimulator simulator, NodeReadiness readiness, int nodes,
            int inFlight) throws Exception {
        List<ProcessHandle> serverJvm = List.of(server.process());
        double serverCpuStart = ProcessStats.cpuSeconds(serverJvm);
        double simulatorCpuStart = ProcessStats.cpuSeconds(List.of(ProcessHandle.current()));
        long start = System.nanoTime();
        var registering = simulator.register(nodes, inFlight, PREFIX);
        double allReady = Double.NaN;
        int ready = 0;
        long deadline = start + READY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ready = readiness.list().ready();
            if (ready >= nodes) {
                allReady = (System.nanoTime() - start) / 1e9;
                break;
            }
            if (registering.isDone() && !registering.get().failures().isEmpty()) {
                break; // some nodes gave up: all of them will never be Ready
            }
            // a list of a thousand nodes costs the server a few hundred ms: often only once all are registered
            if (registering.isDone()) {
                Thread.sleep(500);
            } else {
                try {
                    registering.get(LIST_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRegistering) {
                    // list again
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double serverCores = (ProcessStats.cpuSeconds(serverJvm) - serverCpuStart) / seconds;
        double simulatorCores = (ProcessStats.cpuSeconds(List.of(ProcessHandle.current())) - simulatorCpuStart) / seconds;
        return new Registering(registering.get(READY_WAIT.toSeconds(), TimeUnit.SECONDS), allReady, ready, serverCores,
                simulatorCores, ProcessStats.loadAverage());
    }

    private Holding hold(BenchServer server, AgentSimulator simulator, NodeReadiness readiness, int nodes, Duration hold)
            throws Exception {
        long pid = server.process().pid();
        List<ProcessHandle> serverJvm = List.of(server.process());
        List<ProcessHandle> localAgent = server.process().children()
                .filter(child -> child.info().command().orElse("").endsWith("java")).toList();
        NodeReadiness.Snapshot before = readiness.list();
        Instant holdStart = Instant.now();
        int warningsBefore = simulator.heartbeatWarnings();
        int droppedBefore = simulator.tunnelsDropped();
        int failuresBefore = simulator.taskFailures();
        try (NodeReadiness.FlapWatch watch = readiness.watch(before, hold.plusMinutes(2));
                HeapSampler heap = HeapSampler.start(pid, SAMPLE.toMillis())) {
            long rssBefore = jvmResidentKb(server.process());
            long start = System.nanoTime();
            double serverStart = ProcessStats.cpuSeconds(serverJvm);
            double localAgentStart = ProcessStats.cpuSeconds(localAgent);
            double simulatorStart = ProcessStats.cpuSeconds(List.of(ProcessHandle.current()));
            long windowStart = start;
            double windowCpu = serverStart;
            double maxWindow = 0;
            long end = start + hold.toNanos();
            while (System.nanoTime() < end) {
                TimeUnit.NANOSECONDS.sleep(Math.min(SAMPLE.toNanos(), end - System.nanoTime()));
                long now = System.nanoTime();
                double cpu = ProcessStats.cpuSeconds(serverJvm);
                if (now - windowStart >= SAMPLE.toNanos() / 2) {
                    maxWindow = Math.max(maxWindow, (cpu - windowCpu) / ((now - windowStart) / 1e9) * 100);
                }
                windowStart = now;
                windowCpu = cpu;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double serverCpu = (ProcessStats.cpuSeconds(serverJvm) - serverStart) / seconds * 100;
            double localAgentCpu = (ProcessStats.cpuSeconds(localAgent) - localAgentStart) / seconds * 100;
            double simulatorCpu = (ProcessStats.cpuSeconds(List.of(ProcessHandle.current())) - simulatorStart)
                    / seconds * 100;
            long rssAfter = jvmResidentKb(server.process());
            double load = ProcessStats.loadAverage();
            NodeReadiness.Snapshot after = readiness.list();
            return new Holding(seconds, serverCpu, maxWindow, simulatorCpu, localAgentCpu, load, heap.first(), heap.last(), heap.maxUsedKb(),
                    rssBefore, rssAfter, watch.flaps(), watch.events(), watch.broken(), after.readyAgainSince(holdStart),
                    after.ready(), after.otherNodes(), simulator.heartbeatWarnings() - warningsBefore, simulator.tunnelsDropped() - droppedBefore,
                    simulator.taskFailures() - failuresBefore);
        }
    }

    /** One real agent, as `bin/k3j agent` runs it: the time until its node is Ready, then its memory once settled. */
    private RealAgent realAgent(BenchServer server, NodeReadiness readiness, Path logs) throws Exception {
        Path agentDir = Files.createTempDirectory("k3j-bench-agent");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "agent", "--server", server.uri("").toString(),
                "--data-dir", agentDir.toString(), "--node-name", REAL_AGENT)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("agent.log").toFile());
        // in the environment, where ps does not show it
        builder.environment().put("K3J_TOKEN", server.clusterToken());
        long start = System.nanoTime();
        Process agent = builder.start();
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(120);
            while (!readiness.ready(REAL_AGENT)) {
                if (!agent.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the real agent's node did not become Ready; see " + logs.resolve("agent.log"));
                }
                Thread.sleep(200);
            }
            double readySeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(AGENT_SETTLE.toMillis());
            return new RealAgent(readySeconds, ProcessStats.residentKb(agent.toHandle()), jvmFlags(agent.pid()));
        } finally {
            agent.destroy();
            if (!agent.waitFor(30, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
            deleteTree(agentDir);
        }
    }

    private void report(int nodes, int inFlight, Duration hold, String serverFlags, double maxHeapKb, Registering registering,
            Holding holding, RealAgent agent, Duration renew, Duration report, Path logs, Optional<Path> jfr) {
        AgentSimulator.Registrations registrations = registering.registrations();
        double perNodePerSecond = 2.0 / renew.toSeconds() + 1.0 / report.toSeconds();
        out.accept(nodes + " simulated agents in one JVM (the benchmark's), in the manner of KWOK: each has its own node name,"
                + " random node password, WebSocket to /v1-k3j/connect (TLS, Tyrus JDK client; registration is the handshake)"
                + " and node token, and runs the k3j agent's own Node status and Lease loops (io.k3j.agent.node): it creates"
                + " its Node, posts Ready, creates its Lease, then every " + renew.toSeconds() + " s renews the Lease (PUT"
                + " with resourceVersion) and reads its Node, and re-posts its status every " + report.toSeconds()
                + " s: about " + String.format("%.0f", nodes * perNodePerSecond) + " API requests/s in all. The nodes share"
                + " one HTTP/1.1 client, 32 heartbeat threads and Tyrus's shared client container; at most " + inFlight
                + " registrations in flight; the simulated nodes use the registration address for the API, not the announced servers."
                + " Registration latency = handshake start → Registration message received"
                + " (from the first attempt, retries included). Server: `bin/k3j server` with K3J_CLUSTER_CIDR="
                + CLUSTER_CIDR + " (a /24 per node) and --advertise-address 127.0.0.1, JVM flags `" + serverFlags + "`; node passwords hashed with scrypt"
                + " N=2^15, r=8, p=1. One run; the simulator and the server share this " + Runtime.getRuntime().availableProcessors()
                + "-core machine." + (holding.otherNodes() == 0 ? "" : " The cluster held " + holding.otherNodes()
                + " other node(s) as well, not counted here: the server's local agent, a child process of the server, whose CPU"
                + " and memory are not counted as the server's.") + " Server CPU is its JVM's user + system time from /proc;"
                + " heap by jstat -gc (eden, survivors and old generation in use).\n");
        out.accept("| nodes | registered | rate /s | p50 ms | p99 ms | max ms | retries | all Ready (API) s |"
                + " CPU cores while registering: server, simulator | load average |");
        out.accept("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        out.accept(String.format("| %d | %d in %.1f s | %.1f | %.0f | %.0f | %.0f | %d | %s | %.2f, %.2f | %.1f |", nodes,
                registrations.latencies().length, registrations.registeredNanos() / 1e9, registrations.ratePerSecond(),
                registrations.percentileMillis(50), registrations.percentileMillis(99), registrations.percentileMillis(100),
                registrations.retries(), Double.isNaN(registering.allReadySeconds()) ? "not all (" + registering.readyAtEnd() + ")"
                        : String.format("%.1f", registering.allReadySeconds()),
                registering.serverCores(), registering.simulatorCores(), registering.load()));
        if (!registrations.failures().isEmpty()) {
            out.accept("\n" + registrations.failures().size() + " nodes failed to register or start, such as: "
                    + registrations.failures().stream().limit(3).collect(Collectors.joining("; ")));
        }
        out.accept(String.format("%nHeld %.0f s, sampled every %d s:%n", holding.seconds(), SAMPLE.toSeconds()));
        out.accept("| server CPU, % of one core (max over 10 s) | server heap used MB: max (at end) / max heap |"
                + " GCs young, full (GC s) | server RSS MB start → end | NotReady flaps | Ready at end | tunnels dropped |"
                + " failed heartbeats | CPU % of one core: simulator, server's local agent | load average |");
        out.accept("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        HeapSampler.Sample first = holding.heapFirst();
        HeapSampler.Sample last = holding.heapLast();
        out.accept(String.format("| %.1f (%.1f) | %.0f (%.0f) / %.0f | %d, %d (%.2f) | %d → %d | %d | %d of %d | %d | %d | %.1f, %.1f | %.1f |",
                holding.serverCpuPercent(), holding.maxWindowCpuPercent(), holding.maxHeapUsedKb() / 1024,
                last.usedKb() / 1024, maxHeapKb / 1024, last.youngCollections() - first.youngCollections(),
                last.fullCollections() - first.fullCollections(), last.gcSeconds() - first.gcSeconds(),
                holding.rssBeforeKb() / 1024, holding.rssAfterKb() / 1024, Math.max(holding.flaps(), (int) holding.readyAgain()),
                holding.readyAtEnd(), nodes, holding.tunnelsDropped(), holding.heartbeatWarnings() + holding.taskFailures(),
                holding.simulatorCpuPercent(), holding.localAgentCpuPercent(), holding.load()));
        out.accept(String.format("%nNotReady flaps: a node's Ready condition leaving True, counted by a watch of the nodes (%d"
                + " events%s) and checked by the Ready conditions' lastTransitionTime at the end (%d changed during the hold).",
                holding.watchEvents(), holding.watchBroken().map(why -> "; " + why).orElse(""), holding.readyAgain()));
        out.accept(String.format("%nOne real agent (`bin/k3j agent`, JVM flags `%s`) against the same server: its node Ready"
                + " %.1f s after the start; RSS **%d MB** after %d s more (target: under 96 MB).",
                agent.jvmFlags(), agent.readySeconds(), agent.rssKb() / 1024, AGENT_SETTLE.toSeconds()));
        boolean registeredInTime = registrations.latencies().length == nodes && registrations.registeredNanos() <= 60e9;
        boolean readyInTime = !Double.isNaN(registering.allReadySeconds()) && registering.allReadySeconds() <= 60;
        out.accept(String.format("%nTargets: %d nodes registered within 60 s: **%s** (%.1f s; all Ready %s);"
                + " held Ready %d s with server CPU under 30%% of one core: **%s** (%.1f%%); server heap under 512 MB: **%s**"
                + " (at most %.0f MB used); real agent RSS under 96 MB: **%s**.",
                nodes, registeredInTime ? "met" : "missed", registrations.registeredNanos() / 1e9,
                readyInTime ? String.format("after %.1f s", registering.allReadySeconds()) : "not within 60 s",
                hold.toSeconds(), holding.serverCpuPercent() < 30 && holding.readyAtEnd() >= nodes ? "met" : "missed",
                holding.serverCpuPercent(), holding.maxHeapUsedKb() < 512 * 1024 ? "met" : "missed",
                holding.maxHeapUsedKb() / 1024, agent.rssKb() < 96 * 1024 ? "met" : "missed"));
        System.out.println("logs kept in " + logs + jfr.map(file -> "; JFR recording of the registrations in " + file).orElse(""));
    }

    /** The resident memory of a process alone, without the processes it started (the server's local agent). */
    private static long jvmResidentKb(ProcessHandle process) throws IOException {
        long children = 0;
        for (ProcessHandle child : process.children().toList()) {
            children += ProcessStats.residentKb(child);
        }
        return ProcessStats.residentKb(process) - children;
    }

    /** The JVM options a process was started with (-X and -XX), from /proc. */
    private static String jvmFlags(long pid) throws IOException {
        String[] args = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0");
        return Arrays.stream(args).filter(arg -> arg.startsWith("-X")).collect(Collectors.joining(" "));
    }

    private static void jcmd(long pid, String... command) {
        try {
            Process jcmd = new ProcessBuilder(Stream.concat(Stream.of("jcmd", Long.toString(pid)), Arrays.stream(command)).toList())
                    .redirectErrorStream(true).start();
            String said = new String(jcmd.getInputStream().readAllBytes());
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + said);
            }
        } catch (IOException e) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
