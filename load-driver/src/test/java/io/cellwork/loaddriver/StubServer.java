package io.cellwork.loaddriver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process HTTP server on 127.0.0.1 and a free port, answering every request 202 with a
 * task-like body on ONE handler thread, so a stall holds up every request behind it, as a paused
 * process would. {@link #stallNextFor} makes the next request take that long.
 */
public final class StubServer implements AutoCloseable {
  static {
    // Without it the JDK server's headers and body wait on Nagle + delayed ACK: 40 ms a request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService handler = Executors.newSingleThreadExecutor();
  private final AtomicLong stallMillis = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private volatile int status = 202;

  public StubServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    server.createContext("/", this::answer);
    server.setExecutor(handler);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void stallNextFor(long millis) {
    stallMillis.set(millis);
  }

  public void answerWith(int newStatus) {
    status = newStatus;
  }

  public long requests() {
    return requests.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    requests.incrementAndGet();
    long stall = stallMillis.getAndSet(0);
    if (stall > 0) {
      try {
        Thread.sleep(stall); // the stall being simulated, on the server's side
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] body = "{\"id\":\"x\",\"cell\":1,\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    handler.shutdownNow();
  }
}
