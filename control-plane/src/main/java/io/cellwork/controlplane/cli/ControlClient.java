package io.cellwork.controlplane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellwork.controlplane.launcher.AdminToken;
import io.cellwork.controlplane.launcher.ClusterLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * What the control commands share: which node to talk to, the bearer token (from {@code
 * CELLWORK_TOKEN}, else the file the launcher wrote), and how an HTTP answer becomes an exit
 * code. A picocli mixin.
 */
final class ControlClient {
  /** Exit codes of the control commands. */
  static final int OK = 0;
  static final int UNREACHABLE = 1;
  static final int INVALID = 2;
  static final int REFUSED = 3;
  static final int NOT_FOUND = 4;

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--url", scope = ScopeType.INHERIT, defaultValue = "http://127.0.0.1:8080", description = "any node (default ${DEFAULT-VALUE})")
  String url;

  @Option(names = "--token-file", scope = ScopeType.INHERIT, description = "file holding the bearer token (default var/cluster/admin.token; "
      + "the CELLWORK_TOKEN environment variable wins)")
  Path tokenFile;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

  /** An answer: its status and JSON body. */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  PrintWriter out() {
    return command.commandLine().getOut();
  }

  PrintWriter err() {
    return command.commandLine().getErr();
  }

  Answer get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  Answer post(String path, Object body) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  Answer delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE());
  }

  /** One call to the node: its answer or a connection failure. */
  @FunctionalInterface
  interface Call {
    Answer send() throws IOException, InterruptedException;
  }

  /**
   * Makes the call; on success hands the body to {@code onSuccess} (which prints it) and returns
   * 0, else prints why it failed and returns the matching exit code.
   */
  int exchange(Call call, Consumer<JsonNode> onSuccess) throws InterruptedException {
    try {
      Answer answer = call.send();
      if (!answer.ok()) {
        return failure(answer);
      }
      onSuccess.accept(answer.body());
      return OK;
    } catch (IOException e) {
      return unreachable(e);
    }
  }

  /** Prints why a call failed and returns the exit code for it. */
  private int failure(Answer answer) {
    String message = answer.body().path("message").asText(answer.body().toString());
    err().println("Refused (" + answer.status() + "): " + message);
    return switch (answer.status()) {
      case 401, 403 -> REFUSED;
      case 404 -> NOT_FOUND;
      case 400, 409, 413, 415 -> INVALID;
      default -> UNREACHABLE;
    };
  }

  private int unreachable(IOException e) {
    err().println("No node answers at " + url + " (" + e.getMessage() + "); is the cluster running?");
    return UNREACHABLE;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + path)).timeout(TIMEOUT);
    token().ifPresent(token -> builder.header("Authorization", "Bearer " + token));
    return builder;
  }

  private Optional<String> token() {
    String fromEnvironment = System.getenv("CELLWORK_TOKEN");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Optional.of(fromEnvironment.strip());
    }
    Path file = tokenFile != null ? tokenFile : ClusterLayout.defaults(CellCtl.home()).adminTokenFile();
    if (!Files.isReadable(file)) {
      return Optional.empty(); // the node answers 401 and says what to send
    }
    try {
      return Optional.of(AdminToken.read(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    if (text.isBlank()) {
      return new Answer(response.statusCode(), JSON.createObjectNode());
    }
    try {
      return new Answer(response.statusCode(), JSON.readTree(text));
    } catch (JsonProcessingException notJson) {
      return new Answer(response.statusCode(), JSON.createObjectNode().put("message", text.strip()));
    }
  }
}
