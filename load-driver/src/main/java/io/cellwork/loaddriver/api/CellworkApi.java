package io.cellwork.loaddriver.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A small asynchronous client of the Cellwork HTTP API on one node. Callbacks run on the given
 * executor, never on the JDK's common pool. Thread-safe.
 */
public final class CellworkApi {
  private final String baseUrl;
  private final HttpClient http;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Duration timeout;

  public CellworkApi(String baseUrl, Executor executor, Duration timeout) {
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .executor(executor)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** POST /v1/tasks with a task document; {@code wait} asks for the final status. */
  public CompletableFuture<ApiResponse> submit(Map<String, Object> task, boolean wait) {
    return postRaw("/v1/tasks" + (wait ? "?wait=true" : ""), json(task));
  }

  /** POST of an arbitrary body, for exercising the API's validation. */
  public CompletableFuture<ApiResponse> postRaw(String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return send(request);
  }

  /** POST of a JSON document to a control endpoint, with the bearer token. */
  public CompletableFuture<ApiResponse> postAuthorized(String path, Map<String, Object> document, String token) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(json(document)))
        .build());
  }

  /** DELETE of a control resource, with the bearer token. */
  public CompletableFuture<ApiResponse> deleteAuthorized(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
        .header("Authorization", "Bearer " + token).DELETE().build());
  }

  public CompletableFuture<ApiResponse> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET().build());
  }

  private CompletableFuture<ApiResponse> send(HttpRequest request) {
    long start = System.nanoTime();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle((response, failure) -> {
          long latency = System.nanoTime() - start;
          if (failure != null) {
            return new ApiResponse(0, MissingNode.getInstance(), latency);
          }
          return new ApiResponse(response.statusCode(), parse(response.body()), latency);
        });
  }

  private JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? MissingNode.getInstance() : mapper.readTree(body);
    } catch (java.io.IOException e) {
      return MissingNode.getInstance();
    }
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
