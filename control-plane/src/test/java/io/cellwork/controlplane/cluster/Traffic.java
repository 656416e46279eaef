package io.cellwork.controlplane.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client spreading requests over several nodes the way a careful user would: a task is
 * resubmitted (same id, so at most once) to the next node whenever an answer is missing or says
 * "retry" (429, 503), until it is acknowledged. Every answer is tallied by status, so tests can
 * check that nothing but retryable refusals ever came back. Thread-safe.
 */
final class Traffic implements AutoCloseable {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final long GIVE_UP_NANOS = Duration.ofSeconds(120).toNanos();

  private final List<String> nodes;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2))
      .build();
  private final ObjectMapper mapper = new ObjectMapper();
  private final ExecutorService workers;
  private final AtomicInteger next = new AtomicInteger();
  /** Answers by HTTP status; 0 counts requests that got no answer at all. */
  private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();

  Traffic(List<String> nodes, int concurrency) {
    this.nodes = List.copyOf(nodes);
    this.workers = Executors.newFixedThreadPool(concurrency);
  }

  /** Submits in the background until acknowledged; the future holds the accepting answer. */
  Future<JsonNode> submitUntilAccepted(Map<String, Object> task) {
    return workers.submit(() -> {
      String body = mapper.writeValueAsString(task);
      long giveUp = System.nanoTime() + GIVE_UP_NANOS;
      while (System.nanoTime() < giveUp) {
        Optional<HttpResponse<String>> response = post(nextNode() + "/v1/tasks", body);
        int status = response.map(HttpResponse::statusCode).orElse(0);
        answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (status == 200 || status == 202) {
          return mapper.readTree(response.get().body());
        }
        if (status != 0 && status != 429 && status != 503) {
          throw new IllegalStateException("not retryable: HTTP " + status + " " + response.get().body());
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("never acknowledged: " + body);
    });
  }

  /** GET on any node that answers; empty if none did. */
  Optional<JsonNode> get(String path) {
    for (int attempt = 0; attempt < nodes.size() * 2; attempt++) {
      try {
        HttpResponse<String> response = http.send(
            HttpRequest.newBuilder(URI.create(nextNode() + path)).timeout(REQUEST_TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return Optional.of(mapper.readTree(response.body()));
        }
      } catch (IOException noAnswer) {
        // try the next node
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  Map<Integer, Integer> answersByStatus() {
    Map<Integer, Integer> copy = new java.util.TreeMap<>();
    answers.forEach((status, count) -> copy.put(status, count.get()));
    return copy;
  }

  private Optional<HttpResponse<String>> post(String url, String body) throws InterruptedException {
    try {
      return Optional.of(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString()));
    } catch (IOException noAnswer) {
      return Optional.empty();
    }
  }

  private String nextNode() {
    return nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
