package io.cellwork.loaddriver.engine;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/** One node the engine sends to: where to connect and the Host header to send. */
public record Target(String url, String host, int port) {

  /** Parses {@code http://host:port} (a path, if any, is ignored: requests carry their own). */
  public static Target parse(String url) {
    URI uri = URI.create(url.trim());
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("target must look like http://host:port, not " + url);
    }
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    return new Target("http://" + uri.getHost() + ":" + port, uri.getHost(), port);
  }

  /** Parses a comma-separated list of URLs. */
  public static List<Target> parseList(String urls) {
    return Arrays.stream(urls.split(",")).filter(s -> !s.isBlank()).map(Target::parse).toList();
  }

  public String hostHeader() {
    return host + ":" + port;
  }
}
