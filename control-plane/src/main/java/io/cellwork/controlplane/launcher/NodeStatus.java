package io.cellwork.controlplane.launcher;

/**
 * One node slot of a local cluster.
 *
 * @param pid the process id, or -1 when no process runs
 * @param memberStatus the cluster's view (Up, Leaving, ...), "starting" or "down"
 * @param cells how many cells the node hosts now
 */
public record NodeStatus(
    int node, String address, long pid, String memberStatus, boolean reachable, int cells, String url) {}
