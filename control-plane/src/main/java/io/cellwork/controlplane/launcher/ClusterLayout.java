package io.cellwork.controlplane.launcher;

import java.nio.file.Path;

/**
 * Where a local cluster lives on disk and on loopback: node i has Artery on 127.0.0.1:(25520+i)
 * and HTTP on 127.0.0.1:(8080+i); configuration from {@code conf/}, pid files under {@code
 * var/cluster} (with the admin token), logs under {@code var/logs}, the embedded journal under
 * {@code var/h2}, kill switches under {@code var/ddata}.
 *
 * @param home the repository root, holding {@code conf/}
 * @param var where the cluster's files go, normally {@code home/var}
 */
public record ClusterLayout(Path home, Path var, int arteryBasePort, int httpBasePort, int h2Port) {

  public static final int MAX_NODES = 5;
  public static final String HOST = "127.0.0.1";

  public static ClusterLayout defaults(Path home) {
    return new ClusterLayout(home, home.resolve("var"), 25520, 8080, 9092);
  }

  public Path clusterDir() {
    return var().resolve("cluster");
  }

  public Path logs() {
    return var().resolve("logs");
  }

  public Path h2Dir() {
    return var().resolve("h2");
  }

  public Path conf() {
    return home.resolve("conf");
  }

  public Path nodePidFile(int node) {
    return clusterDir().resolve("node-" + node + ".pid");
  }

  public Path h2PidFile() {
    return clusterDir().resolve("h2.pid");
  }

  /** The admin bearer token the launcher generates and cellctl sends; readable only by its owner. */
  public Path adminTokenFile() {
    return clusterDir().resolve("admin.token");
  }

  /** Where the nodes keep their kill switches on disk (a directory per node inside). */
  public Path killSwitchDir() {
    return var().resolve("ddata");
  }

  /** Which journal the running cluster was started with (h2 or postgres). */
  public Path journalFile() {
    return clusterDir().resolve("journal");
  }

  public int arteryPort(int node) {
    return arteryBasePort + node;
  }

  public int httpPort(int node) {
    return httpBasePort + node;
  }

  public String httpUrl(int node) {
    return "http://" + HOST + ":" + httpPort(node);
  }

  public String seedNode(int node) {
    return "pekko://cellwork@" + HOST + ":" + arteryPort(node);
  }

  public String h2Url() {
    return "jdbc:h2:tcp://" + HOST + ":" + h2Port + "/cellwork";
  }
}
