package io.cellwork.controlplane.cli;

import io.cellwork.controlplane.launcher.ClusterLayout;
import io.cellwork.controlplane.launcher.Journal;
import io.cellwork.controlplane.launcher.LocalCluster;
import io.cellwork.controlplane.launcher.NodeStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cellctl cluster ...}: a local cluster of node JVMs on loopback. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "Start, inspect and stop a local cluster on 127.0.0.1.")
final class ClusterCommand {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final LocalCluster cluster = new LocalCluster(ClusterLayout.defaults(CellCtl.home()));

  @Command(name = "start", description = "Start N nodes (and the H2 journal server) and wait until all are Up.")
  int start(
      @Option(names = "--nodes", defaultValue = "1", description = "1 to 5 nodes (default ${DEFAULT-VALUE})") int nodes,
      @Option(names = "--journal", defaultValue = "h2", description = "h2 (default) or postgres") String journal) {
    List<Integer> running = cluster.runningNodes();
    if (!running.isEmpty()) {
      System.out.println("A cluster is already running (nodes " + running + "); `cellctl cluster stop` first to change it.");
      printStatus(cluster.status());
      return 0;
    }
    Journal chosen;
    try {
      chosen = Journal.parse(journal);
    } catch (IllegalArgumentException e) {
      System.err.println("--journal must be h2 or postgres");
      return 2;
    }
    System.out.println("Starting " + nodes + " node(s) with the " + journal + " journal ...");
    try {
      cluster.start(nodes, chosen, START_TIMEOUT);
    } catch (RuntimeException e) {
      System.err.println("Cluster start failed: " + e.getMessage());
      return 1;
    }
    printStatus(cluster.status());
    return 0;
  }

  @Command(name = "status", description = "Members, reachability and cells per node.")
  int status() {
    List<NodeStatus> statuses = cluster.status();
    if (statuses.isEmpty()) {
      System.out.println("No cluster is running.");
      return 1;
    }
    printStatus(statuses);
    return 0;
  }

  @Command(name = "stop", description = "Stop every node gracefully (cells hand off, journals flush), then H2.")
  int stop() {
    if (cluster.runningNodes().isEmpty()) {
      System.out.println("No cluster is running.");
    }
    cluster.stop(STOP_TIMEOUT);
    System.out.println("Stopped.");
    return 0;
  }

  @Command(name = "kill-node", description = "SIGKILL one node, as in a crash.")
  int killNode(@Parameters(paramLabel = "I", description = "node index") int node) {
    if (!cluster.killNode(node)) {
      System.out.println("Node " + node + " is not running.");
      return 1;
    }
    System.out.println("Killed node " + node + ".");
    return 0;
  }

  @Command(name = "stop-node", description = "Stop one node gracefully (its cells hand off to the others).")
  int stopNode(@Parameters(paramLabel = "I", description = "node index") int node) {
    if (!cluster.stopNode(node, STOP_TIMEOUT)) {
      System.out.println("Node " + node + " is not running.");
      return 1;
    }
    System.out.println("Stopped node " + node + ".");
    return 0;
  }

  @Command(name = "restart-node", description = "Start a stopped or killed node again and wait until it is back.")
  int restartNode(@Parameters(paramLabel = "I", description = "node index") int node) {
    try {
      cluster.restartNode(node, START_TIMEOUT);
    } catch (RuntimeException e) {
      System.err.println("Restart failed: " + e.getMessage());
      return 1;
    }
    printStatus(cluster.status());
    return 0;
  }

  private static void printStatus(List<NodeStatus> statuses) {
    Table table = new Table("node", "address", "pid", "status", "reachable", "cells", "url");
    for (NodeStatus s : statuses) {
      table.row(s.node(), s.address(), s.pid() < 0 ? "-" : s.pid(), s.memberStatus(), s.reachable() ? "yes" : "no",
          s.cells(), s.url());
    }
    table.print(System.out);
  }
}
