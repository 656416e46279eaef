package io.cellwork.cells.cluster;

import org.apache.pekko.actor.Address;

/** A node's name as operators write it: {@code host:port} of its Artery endpoint. */
public final class NodeAddress {
  private NodeAddress() {}

  public static String of(Address address) {
    return address.getHost().orElse("local") + ":" + address.getPort().map(String::valueOf).orElse("0");
  }
}
