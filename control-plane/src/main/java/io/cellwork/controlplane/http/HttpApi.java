package io.cellwork.controlplane.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.integerSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.cellwork.cells.CellsClient;
import io.cellwork.cells.cell.Cell;
import io.cellwork.controlplane.access.AccessControl;
import io.cellwork.controlplane.node.MembershipHistory;
import io.cellwork.intelligence.guard.GuardedModels;
import io.cellwork.killswitch.rate.RateMeter;
import io.cellwork.killswitch.replication.KillSwitchRegistry;
import org.apache.pekko.actor.typed.ActorRef;
import io.cellwork.controlplane.node.NodeSettings;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP API, versioned under {@code /v1}, plus {@code /metrics}. Every answer is JSON
 * (Prometheus text for metrics); every bad input is a 4xx naming what is wrong; no request is
 * left without an answer.
 */
public final class HttpApi extends AllDirectives {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

  private final ActorSystem<?> system;
  private final CellsClient cells;
  private final PrometheusRegistry registry;
  private final NodeSettings settings;
  private final Responses responses;
  private final TaskRoutes tasks;
  private final MembershipHistory history;
  private final ControlRoutes control;
  private volatile boolean ready;

  public HttpApi(
      ActorSystem<?> system, CellsClient cells, PrometheusRegistry registry, NodeSettings settings,
      MembershipHistory history, ControlPlane control) {
    this.system = system;
    this.history = history;
    this.cells = cells;
    this.registry = registry;
    this.settings = settings;
    JsonCodec json = new JsonCodec();
    this.responses = new Responses(json);
    this.tasks = new TaskRoutes(cells, json, responses, settings, control.rates());
    this.control = new ControlRoutes(system, control.registry(), cells, control.access(), json, responses, control.models());
  }

  /** What the control endpoints work with on this node. */
  public record ControlPlane(
      ActorRef<KillSwitchRegistry.Command> registry, AccessControl access, RateMeter rates, GuardedModels models) {

    /** Without guarded models ({@code GET /v1/models} lists none). */
    public ControlPlane(ActorRef<KillSwitchRegistry.Command> registry, AccessControl access, RateMeter rates) {
      this(registry, access, rates, new GuardedModels());
    }
  }

  public Route routes() {
    return handleExceptions(exceptionHandler(), () -> handleRejections(rejectionHandler(), () -> concat(
        pathPrefix("v1", () -> concat(
            path("tasks", () -> post(() -> withBody(body -> wait(w -> tasks.submit(body, w))))),
            path("tasks:batch", () -> post(() -> withBody(body -> wait(w -> tasks.submitBatch(body, w))))),
            path(segment("tasks").slash(segment()), id -> get(() ->
                parameterOptional("tenant", tenant -> parameterOptional("key", key -> respond(() ->
                    tasks.taskByKey(id,
                        tenant.orElseThrow(() -> ApiError.invalid("tenant", "query parameter is required")),
                        key.orElseThrow(() -> ApiError.invalid("key", "query parameter is required")))))))),
            path(segment("cells").slash(integerSegment()).slash("tasks").slash(segment()), (cell, id) ->
                get(() -> respond(() -> tasks.taskInCell(cell, id)))),
            path("cells", () -> get(() -> parameterOptional("timeoutMs", timeout ->
                respond(() -> cellStatuses(askTimeout(timeout)))))),
            path(segment("accounts").slash(segment()).slash(segment()), (tenant, key) ->
                get(() -> respond(() -> tasks.balance(tenant, key)))),
            path("cluster", () -> get(() -> complete(responses.json(200, ClusterView.of(Cluster.get(system), history))))),
            path("killswitches", () -> concat(
                get(() -> authorized(token -> respond(() -> control.list(token)))),
                post(() -> authorized(token -> withBody(body -> respond(() -> control.engage(token, body))))))),
            path(segment("killswitches").slash("audit"), () ->
                get(() -> authorized(token -> respond(() -> control.audit(token))))),
            path(segment("killswitches").slash(segment()), id ->
                delete(() -> authorized(token -> respond(() -> control.release(token, id))))),
            path("models", () -> get(() -> authorized(token -> respond(() -> control.models(token))))),
            path(segment("models").slash(segment()).slash("outcomes"), name ->
                get(() -> authorized(token -> respond(() -> control.modelOutcomes(token, name))))),
            path("breakers", () -> get(() -> authorized(token -> respond(() -> control.breakers(token))))),
            path(segment("breakers").slash(segment()).slash(segment()), (name, action) ->
                post(() -> authorized(token -> respond(() -> control.setBreaker(token, name, action))))),
            path(segment("health").slash("alive"), () -> get(() -> complete(responses.json(200, Map.of("alive", true))))),
            path(segment("health").slash("ready"), () -> get(() -> respond(this::readiness))))),
        path("metrics", () -> get(() -> complete(metrics()))))));
  }

  // ---- directives ----

  /** Reads the bounded body, then hands it on; oversized bodies become 413. */
  private Route withBody(Function<byte[], Route> inner) {
    return withSizeLimit(settings.drainBodyBytes(), () -> extractMaterializer(materializer ->
        extractRequestEntity(entity -> onComplete(
            BoundedBody.read(entity, settings.maxBodyBytes(), materializer),
            body -> body.isSuccess() ? inner.apply(body.get()) : failWith(body.failed().get())))));
  }

  private Route authorized(Function<Optional<String>, Route> inner) {
    return optionalHeaderValueByName("Authorization", inner::apply);
  }

  private Route wait(Function<Boolean, CompletionStage<HttpResponse>> handler) {
    return parameterOptional("wait", wait -> {
      boolean waiting = wait.map(w -> {
        if (!w.equals("true") && !w.equals("false")) {
          throw ApiError.invalid("wait", "must be true or false");
        }
        return w.equals("true");
      }).orElse(false);
      return respond(() -> handler.apply(waiting));
    });
  }

  /** Completes with the handler's response; a synchronous throw is handled like a failed stage. */
  private Route respond(Supplier<CompletionStage<HttpResponse>> handler) {
    CompletionStage<HttpResponse> response;
    try {
      response = handler.get();
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    return completeWithFuture(response.exceptionally(this::errorResponse));
  }

  // ---- system routes ----

  /** {@code ?timeoutMs=}: how long to wait for each cell, 50 to 10,000 ms; the ask timeout by default. */
  private Duration askTimeout(Optional<String> timeoutMs) {
    if (timeoutMs.isEmpty()) {
      return cells.askTimeout();
    }
    try {
      long millis = Long.parseLong(timeoutMs.get());
      if (millis >= 50 && millis <= 10_000) {
        return Duration.ofMillis(millis);
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw ApiError.invalid("timeoutMs", "must be an integer from 50 to 10000");
  }

  private CompletionStage<HttpResponse> cellStatuses(Duration timeout) {
    return cells.statuses(timeout).thenApply(statuses -> {
      List<Map<String, Object>> list = new ArrayList<>(statuses.size());
      for (int cell = 0; cell < statuses.size(); cell++) {
        Cell.CellStatus status = statuses.get(cell);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("cell", cell);
        if (status == null) {
          entry.put("status", "unavailable");
        } else {
          entry.put("status", "up");
          entry.put("node", status.node());
          entry.put("queued", status.queued());
          entry.put("inFlight", status.inFlight());
          entry.put("openTasks", status.openTasks());
          entry.put("retainedTasks", status.retainedTasks());
          entry.put("openTransfers", status.openTransfers());
          entry.put("accounts", status.accounts());
        }
        list.add(entry);
      }
      return responses.json(200, Map.of("cells", list));
    });
  }

  /** Ready once this member is Up and every cell has answered once (its journal recovered). */
  private CompletionStage<HttpResponse> readiness() {
    if (ready) {
      return CompletableFuture.completedFuture(responses.json(200, Map.of("ready", true)));
    }
    if (Cluster.get(system).selfMember().status() != MemberStatus.up()) {
      return CompletableFuture.completedFuture(
          responses.json(503, Map.of("ready", false, "reason", "not yet an Up cluster member")));
    }
    return cells.statuses().thenApply(statuses -> {
      long missing = statuses.stream().filter(s -> s == null).count();
      if (missing == 0) {
        ready = true;
        return responses.json(200, Map.of("ready", true));
      }
      return responses.json(503, Map.of("ready", false, "reason", missing + " cells have not answered yet"));
    });
  }

  private HttpResponse metrics() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HttpResponse.create()
        .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, out.toByteArray()));
  }

  // ---- errors ----

  private ExceptionHandler exceptionHandler() {
    return ExceptionHandler.newBuilder()
        .matchAny(failure -> complete(errorResponse(failure)))
        .build();
  }

  HttpResponse errorResponse(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ApiError apiError) {
      return responses.error(apiError);
    }
    if (cause instanceof EntityStreamSizeException) {
      return responses.error(ApiError.tooLarge(settings.maxBodyBytes()));
    }
    log.error("unexpected failure answering a request", cause);
    return responses.json(500, Map.of("error", "internal", "message", "unexpected failure; see the node log"));
  }

  /** Pekko's own rejections (404, 405, ...) keep their status but get a JSON body. */
  private RejectionHandler rejectionHandler() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
      String text = response.entity() instanceof HttpEntity.Strict strict
          ? strict.getData().utf8String()
          : response.status().reason();
      int status = response.status().intValue();
      String code = status == 404 ? "not_found" : status == 405 ? "method_not_allowed"
          : status == 413 ? "payload_too_large" : "bad_request";
      return responses.json(status, Map.of("error", code, "message", text))
          .addHeaders(response.getHeaders());
    });
  }

}
