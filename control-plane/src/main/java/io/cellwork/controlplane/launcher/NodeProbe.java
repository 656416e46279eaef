package io.cellwork.controlplane.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Asks a node's HTTP API how it is; every failure is "no answer", never an exception. */
final class NodeProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT)
      .build();
  private final ObjectMapper mapper = new ObjectMapper();

  boolean isReady(String baseUrl) {
    return get(baseUrl + "/v1/health/ready").map(ready -> ready.path("ready").asBoolean(false)).orElse(false);
  }

  Optional<JsonNode> cluster(String baseUrl) {
    return get(baseUrl + "/v1/cluster");
  }

  Optional<JsonNode> cells(String baseUrl) {
    return get(baseUrl + "/v1/cells");
  }

  private Optional<JsonNode> get(String url) {
    try {
      HttpResponse<byte[]> response = http.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      return Optional.of(mapper.readTree(response.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
