package io.cellwork.controlplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cellctl cells}: every cell, where it lives and how busy it is. */
@Command(name = "cells", mixinStandardHelpOptions = true, description = "List the cells with their node, queues and in-flight work.")
final class CellsCommand implements Callable<Integer> {
  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "any node (default ${DEFAULT-VALUE})")
  String url;

  @Override
  public Integer call() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/cells")).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      System.err.println("No node answers at " + url + " (" + e.getMessage() + ")");
      return 1;
    }
    JsonNode cells = new ObjectMapper().readTree(response.body()).path("cells");
    Table table = new Table("cell", "node", "critical", "normal", "sheddable", "in-flight", "tasks", "transfers", "accounts");
    for (JsonNode c : cells) {
      if (!c.has("node")) {
        table.row(c.path("cell").asInt(), "unavailable", "", "", "", "", "", "", "");
        continue;
      }
      JsonNode queued = c.path("queued");
      table.row(c.path("cell").asInt(), c.path("node").asText(), queued.path("critical").asInt(), queued.path("normal").asInt(),
          queued.path("sheddable").asInt(), c.path("inFlight").asInt(), c.path("retainedTasks").asInt(),
          c.path("openTransfers").asInt(), c.path("accounts").asInt());
    }
    table.print(System.out);
    return 0;
  }
}
