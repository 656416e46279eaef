package io.cellwork.loaddriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Just enough of Cellwork's HTTP API for the scenario runners' tests, in process on 127.0.0.1: task
 * submission (echo answers 202; ledger deposits and transfers run at once and answer their final
 * status), balances, kill switches that refuse every task with 503 (and Retry-After) while engaged.
 * {@link #leakOnTransfer} plants a bug: transfers credit the receiver without debiting the sender.
 * {@link #limitTasksPerSecond} gives it a capacity: beyond so many tasks per 100 ms slot it answers
 * 429 with Retry-After, as a full cell queue does.
 */
public final class FakeCellwork implements AutoCloseable {
  static {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SLOT_NANOS = 100_000_000L;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final Map<String, Long> balances = new HashMap<>();
  private volatile String engaged;
  private volatile boolean leak;
  private volatile int tasksPerSlot = Integer.MAX_VALUE;
  private long slot;
  private int usedInSlot;

  public FakeCellwork() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void leakOnTransfer() {
    leak = true;
  }

  /** At most {@code perSecond} / 10 tasks per 100 ms slot are taken; the rest get 429. */
  public void limitTasksPerSecond(int perSecond) {
    tasksPerSlot = Math.max(1, perSecond / 10);
  }

  private synchronized boolean admit() {
    long now = System.nanoTime() / SLOT_NANOS;
    if (now != slot) {
      slot = now;
      usedInSlot = 0;
    }
    return ++usedInSlot <= tasksPerSlot;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (method.equals("POST") && path.equals("/v1/killswitches")) {
      engaged = "ks-1";
      answer(exchange, 201, "{\"id\":\"ks-1\"}");
    } else if (method.equals("DELETE") && path.startsWith("/v1/killswitches/")) {
      engaged = null;
      answer(exchange, 200, "{\"released\":true}");
    } else if (method.equals("POST") && path.equals("/v1/tasks")) {
      if (engaged != null) {
        exchange.getResponseHeaders().set("Retry-After", "1");
        answer(exchange, 503, "{\"error\":\"killed\",\"switch\":\"" + engaged + "\"}");
        return;
      }
      if (!admit()) {
        exchange.getResponseHeaders().set("Retry-After", "1");
        answer(exchange, 429, "{\"error\":\"queue_full\"}");
        return;
      }
      JsonNode task = JSON.readTree(body);
      String status = run(task);
      answer(exchange, status == null ? 202 : 200,
          "{\"id\":\"" + task.path("id").asText() + "\",\"status\":\"" + (status == null ? "accepted" : status) + "\"}");
    } else if (method.equals("GET") && path.startsWith("/v1/accounts/")) {
      String[] parts = path.split("/");
      long balance;
      synchronized (balances) {
        balance = balances.getOrDefault(parts[3] + "/" + parts[4], 0L);
      }
      answer(exchange, 200, "{\"balance\":" + balance + "}");
    } else {
      answer(exchange, 404, "{\"error\":\"not_found\"}");
    }
  }

  /** Runs a ledger task at once; null for other kinds (merely accepted). */
  private String run(JsonNode task) {
    String kind = task.path("kind").asText();
    String tenant = task.path("tenant").asText();
    String account = tenant + "/" + task.path("key").asText();
    long amount = task.path("params").path("amount").asLong();
    synchronized (balances) {
      switch (kind) {
        case "ledger.deposit" -> {
          balances.merge(account, amount, Long::sum);
          return "done";
        }
        case "ledger.transfer" -> {
          String to = tenant + "/" + task.path("params").path("to").asText();
          if (balances.getOrDefault(account, 0L) < amount) {
            return "failed";
          }
          if (!leak) {
            balances.merge(account, -amount, Long::sum);
          }
          balances.merge(to, amount, Long::sum);
          return "done";
        }
        default -> {
          return null;
        }
      }
    }
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
