package io.cellwork.controlplane.cluster;

import io.cellwork.cells.testing.TestConfigs;
import io.cellwork.controlplane.launcher.ClusterLayout;
import io.cellwork.controlplane.launcher.Journal;
import io.cellwork.controlplane.launcher.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real multi-JVM cluster for one test: its own port block and directory, and a guarantee that
 * every process it started is gone afterwards (graceful stop, then SIGKILL by pid).
 */
final class ClusterUnderTest implements AutoCloseable {
  static final Duration START = Duration.ofSeconds(180);

  private final LocalCluster cluster;
  private final ClusterLayout layout;

  /** @param portBlock distinct per test class, so a leftover of one test never meets the next */
  ClusterUnderTest(Path var, int portBlock) {
    this.layout = new ClusterLayout(TestConfigs.repoRoot(), var, 40520 + portBlock * 10, 18280 + portBlock * 10, 19290 + portBlock);
    this.cluster = new LocalCluster(layout);
  }

  ClusterUnderTest start(int nodes, Journal journal) {
    cluster.start(nodes, journal, START);
    return this;
  }

  LocalCluster cluster() {
    return cluster;
  }

  List<String> urls(int... nodes) {
    List<String> urls = new ArrayList<>();
    for (int node : nodes) {
      urls.add(layout.httpUrl(node));
    }
    return urls;
  }

  /** The pid of node {@code node}'s JVM. */
  long pid(int node) {
    try {
      return Long.parseLong(Files.readString(layout.nodePidFile(node)).strip());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The admin token the launcher wrote for this cluster. */
  Path adminTokenFile() {
    return layout.adminTokenFile();
  }

  /** Node {@code node}'s cluster address as the API writes it, {@code host:port}. */
  String address(int node) {
    return ClusterLayout.HOST + ":" + layout.arteryPort(node);
  }

  @Override
  public void close() {
    try {
      cluster.stop(Duration.ofSeconds(60));
    } finally {
      for (int node = 0; node < ClusterLayout.MAX_NODES; node++) {
        killLeftover(layout.nodePidFile(node));
      }
      killLeftover(layout.h2PidFile());
    }
  }

  private static void killLeftover(Path pidFile) {
    try {
      if (Files.exists(pidFile)) {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    } catch (Exception ignored) {
      // nothing left to reap
    }
  }
}
