package io.cellwork.controlplane.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts, inspects and stops a cluster of node JVMs on loopback, plus the H2 TCP server that
 * serves them the embedded journal. Processes are detached (their own session), tracked by pid
 * files, and stopped by pid, so a cluster outlives the command that started it and a later
 * command can still find and stop it. Blocking; meant for the command line.
 */
public final class LocalCluster {
  private static final Duration POLL = Duration.ofMillis(250);

  private final ClusterLayout layout;
  private final List<String> extraNodeOptions;
  private final NodeProbe probe = new NodeProbe();

  public LocalCluster(ClusterLayout layout) {
    this(layout, List.of());
  }

  /** @param extraNodeOptions JVM options added to every node's command line, e.g. {@code -Dkey=value} overrides */
  public LocalCluster(ClusterLayout layout, List<String> extraNodeOptions) {
    this.layout = layout;
    this.extraNodeOptions = List.copyOf(extraNodeOptions);
  }

  public ClusterLayout layout() {
    return layout;
  }

  /** Indexes of the nodes whose process is alive. */
  public List<Integer> runningNodes() {
    List<Integer> running = new ArrayList<>();
    for (int node = 0; node < ClusterLayout.MAX_NODES; node++) {
      if (PidFiles.alive(layout.nodePidFile(node)).isPresent()) {
        running.add(node);
      }
    }
    return running;
  }

  /** Starts H2 (if used) and {@code nodes} node JVMs, and returns once every member is Up and ready. */
  public void start(int nodes, Journal journal, Duration timeout) {
    if (nodes < 1 || nodes > ClusterLayout.MAX_NODES) {
      throw new IllegalArgumentException("--nodes must be 1 to " + ClusterLayout.MAX_NODES);
    }
    createDirectories();
    AdminToken.ensure(layout.adminTokenFile());
    writeJournal(journal);
    if (journal == Journal.H2) {
      startH2();
    }
    for (int node = 0; node < nodes; node++) {
      startNode(node, nodes, journal);
    }
    awaitUp(nodes, timeout);
  }

  /** Starts one node again (same ports, same journal) and waits until it is back in the cluster. */
  public void restartNode(int node, Duration timeout) {
    if (PidFiles.alive(layout.nodePidFile(node)).isPresent()) {
      throw new IllegalStateException("node " + node + " is running; stop or kill it first");
    }
    List<Integer> running = runningNodes();
    int highestRunning = running.isEmpty() ? -1 : running.get(running.size() - 1);
    int clusterSize = Math.max(node, highestRunning) + 1; // decides whether node 1 is a seed too
    Journal journal = readJournal();
    if (journal == Journal.H2) {
      startH2();
    }
    startNode(node, clusterSize, journal);
    awaitReady(List.of(node), timeout);
  }

  /** SIGKILL: the node gets no chance to hand anything off, as in a crash. */
  public boolean killNode(int node) {
    Optional<ProcessHandle> process = PidFiles.alive(layout.nodePidFile(node));
    process.ifPresent(p -> {
      p.destroyForcibly();
      p.onExit().join();
    });
    return process.isPresent();
  }

  /** SIGTERM to one node: it leaves the cluster and hands its cells off before it exits. */
  public boolean stopNode(int node, Duration timeout) {
    Optional<ProcessHandle> process = PidFiles.alive(layout.nodePidFile(node));
    process.ifPresent(p -> {
      p.destroy();
      awaitExit(List.of(p), timeout);
    });
    PidFiles.delete(layout.nodePidFile(node));
    return process.isPresent();
  }

  /** SIGTERM to every node at once (each leaves the cluster and hands its cells off), then H2. */
  public void stop(Duration timeout) {
    List<ProcessHandle> stopping = new ArrayList<>();
    for (int node = 0; node < ClusterLayout.MAX_NODES; node++) {
      PidFiles.alive(layout.nodePidFile(node)).ifPresent(p -> {
        p.destroy();
        stopping.add(p);
      });
    }
    awaitExit(stopping, timeout);
    for (int node = 0; node < ClusterLayout.MAX_NODES; node++) {
      PidFiles.delete(layout.nodePidFile(node));
    }
    PidFiles.alive(layout.h2PidFile()).ifPresent(h2 -> {
      h2.destroy(); // H2 closes its databases cleanly on SIGTERM
      awaitExit(List.of(h2), timeout);
    });
    PidFiles.delete(layout.h2PidFile());
  }

  /** What each node slot looks like now. */
  public List<NodeStatus> status() {
    Map<String, Integer> cellsByNode = new HashMap<>();
    Map<String, JsonNode> members = new HashMap<>();
    for (int node : runningNodes()) {
      Optional<JsonNode> cluster = probe.cluster(layout.httpUrl(node));
      Optional<JsonNode> cells = probe.cells(layout.httpUrl(node));
      if (cluster.isPresent() && cells.isPresent()) {
        cluster.get().path("members").forEach(m -> members.put(m.path("address").asText(), m));
        cells.get().path("cells").forEach(c -> {
          if (c.has("node")) {
            cellsByNode.merge(c.get("node").asText(), 1, Integer::sum);
          }
        });
        break;
      }
    }
    List<NodeStatus> statuses = new ArrayList<>();
    for (int node = 0; node < ClusterLayout.MAX_NODES; node++) {
      Optional<ProcessHandle> process = PidFiles.alive(layout.nodePidFile(node));
      String address = ClusterLayout.HOST + ":" + layout.arteryPort(node);
      JsonNode member = members.get(address);
      if (process.isEmpty() && member == null) {
        continue;
      }
      statuses.add(new NodeStatus(
          node,
          address,
          process.map(ProcessHandle::pid).orElse(-1L),
          member == null ? (process.isPresent() ? "starting" : "down") : member.path("status").asText(),
          member != null && member.path("reachable").asBoolean(false),
          cellsByNode.getOrDefault(address, 0),
          layout.httpUrl(node)));
    }
    return statuses;
  }

  // ---- processes ----

  private void startH2() {
    if (PidFiles.alive(layout.h2PidFile()).isPresent()) {
      return;
    }
    List<String> command = detached(List.of(
        javaBinary(), "-Xmx512m", "-cp", h2Jar(),
        "org.h2.tools.Server", "-tcp", "-tcpPort", Integer.toString(layout.h2Port()),
        "-baseDir", layout.h2Dir().toString(), "-ifNotExists"));
    Process process = launch(command, layout.logs().resolve("h2.out"));
    PidFiles.write(layout.h2PidFile(), process.pid());
    awaitPort(layout.h2Port(), Duration.ofSeconds(30), process, "the H2 server");
  }

  private void startNode(int node, int clusterSize, Journal journal) {
    if (PidFiles.alive(layout.nodePidFile(node)).isPresent()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of(
        javaBinary(), "-Xms256m", "-Xmx1g", "-XX:+UseParallelGC",
        // LMDB, where each node keeps its kill switches, reads direct buffers' addresses
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "-Dcellwork.killswitch.replication.durable-dir=" + layout.killSwitchDir(),
        "-Dcellwork.access.admin-token-file=" + layout.adminTokenFile(),
        "-Dconfig.file=" + layout.conf().resolve(journal.configFile()),
        "-Dlogback.configurationFile=" + layout.conf().resolve("logback.xml"),
        "-Dcellwork.log.file=" + layout.logs().resolve("node-" + node + ".log"),
        "-Dpekko.remote.artery.canonical.hostname=" + ClusterLayout.HOST,
        "-Dpekko.remote.artery.canonical.port=" + layout.arteryPort(node),
        "-Dcellwork.node.http.host=" + ClusterLayout.HOST,
        "-Dcellwork.node.http.port=" + layout.httpPort(node),
        // no member becomes Up before all have joined, so the first cells spread over all of them
        "-Dpekko.cluster.min-nr-of-members=" + clusterSize,
        "-Dpekko.cluster.seed-nodes.0=" + layout.seedNode(0)));
    if (clusterSize > 1) {
      command.add("-Dpekko.cluster.seed-nodes.1=" + layout.seedNode(1));
    }
    if (journal == Journal.H2) {
      command.add("-Dcellwork.journal.h2.url=" + layout.h2Url());
    }
    command.addAll(extraNodeOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.cellwork.controlplane.node.CellworkNode"));
    Process process = launch(detached(command), layout.logs().resolve("node-" + node + ".out"));
    PidFiles.write(layout.nodePidFile(node), process.pid());
  }

  private Process launch(List<String> command, Path output) {
    try {
      return new ProcessBuilder(command)
          .directory(layout.home().toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(output.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
  }

  /** Runs the command in a session of its own, so a Ctrl-C in the terminal does not reach it. */
  private static List<String> detached(List<String> command) {
    if (!Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      return command;
    }
    List<String> withSetsid = new ArrayList<>(command.size() + 1);
    withSetsid.add("/usr/bin/setsid");
    withSetsid.addAll(command);
    return withSetsid;
  }

  // ---- waiting ----

  private void awaitUp(int nodes, Duration timeout) {
    List<Integer> all = new ArrayList<>();
    for (int node = 0; node < nodes; node++) {
      all.add(node);
    }
    awaitReady(all, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long up = probe.cluster(layout.httpUrl(0))
          .map(c -> {
            long count = 0;
            for (JsonNode m : c.path("members")) {
              if (m.path("status").asText().equals("Up") && m.path("reachable").asBoolean()) {
                count++;
              }
            }
            return count;
          })
          .orElse(0L);
      if (up >= nodes) {
        return;
      }
      pause(deadline, "every member to be Up (" + up + " of " + nodes + " now)");
    }
  }

  private void awaitReady(List<Integer> nodes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int node : nodes) {
      while (!probe.isReady(layout.httpUrl(node))) {
        if (PidFiles.alive(layout.nodePidFile(node)).isEmpty()) {
          throw new IllegalStateException("node " + node + " exited during start; see "
              + layout.logs().resolve("node-" + node + ".log") + "\n" + tail(layout.logs().resolve("node-" + node + ".out")));
        }
        pause(deadline, "node " + node + " to be ready at " + layout.httpUrl(node));
      }
    }
  }

  private void awaitPort(int port, Duration timeout, Process process, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(ClusterLayout.HOST, port), 500);
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IllegalStateException(what + " exited during start (is port " + port + " taken?)");
        }
        pause(deadline, what + " on port " + port);
      }
    }
  }

  private static void awaitExit(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle process : processes) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        process.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (Exception stillAlive) {
        process.destroyForcibly();
        process.onExit().join();
      }
    }
  }

  private static void pause(long deadlineNanos, String waitingFor) {
    if (System.nanoTime() > deadlineNanos) {
      throw new IllegalStateException("timed out waiting for " + waitingFor);
    }
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + waitingFor, e);
    }
  }

  // ---- files ----

  private void createDirectories() {
    try {
      Files.createDirectories(layout.clusterDir());
      Files.createDirectories(layout.logs());
      Files.createDirectories(layout.h2Dir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeJournal(Journal journal) {
    try {
      Files.writeString(layout.journalFile(), journal.name(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Journal readJournal() {
    try {
      return Files.exists(layout.journalFile())
          ? Journal.parse(Files.readString(layout.journalFile(), StandardCharsets.US_ASCII).strip())
          : Journal.H2;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The H2 jar this launcher itself runs with: the server speaks the same protocol version. */
  private static String h2Jar() {
    try {
      return Path.of(org.h2.tools.Server.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot locate the H2 jar", e);
    }
  }
}
