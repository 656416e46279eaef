package io.cellwork.controlplane.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwork.cells.CellsClient;
import io.cellwork.cells.OnExecutor;
import io.cellwork.cells.cell.Cell;
import io.cellwork.controlplane.access.AccessControl;
import io.cellwork.controlplane.access.Principal;
import io.cellwork.controlplane.access.Role;
import io.cellwork.intelligence.guard.GuardedModel;
import io.cellwork.intelligence.guard.GuardedModels;
import io.cellwork.killswitch.AuditEntry;
import io.cellwork.killswitch.KillSwitch;
import io.cellwork.killswitch.Mode;
import io.cellwork.killswitch.Scope;
import io.cellwork.killswitch.SwitchState;
import io.cellwork.killswitch.breaker.BreakerStatus;
import io.cellwork.killswitch.replication.KillSwitchRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Location;

/**
 * The control endpoints: kill switches (list, engage, release, audit), breakers (list, open,
 * close) and guarded models (list). Every call needs a bearer token whose role covers it;
 * refusals are audited like any change. Thread-safe.
 */
final class ControlRoutes {
  private static final Set<String> ENGAGE_FIELDS = Set.of("scope", "mode", "reason", "ttlSeconds");
  private static final long MAX_TTL_SECONDS = 7 * 24 * 3600;
  private static final int MAX_REASON = 500;

  private final ActorSystem<?> system;
  private final ActorRef<KillSwitchRegistry.Command> registry;
  private final CellsClient cells;
  private final AccessControl access;
  private final JsonCodec json;
  private final Responses responses;
  private final GuardedModels models;

  ControlRoutes(ActorSystem<?> system, ActorRef<KillSwitchRegistry.Command> registry, CellsClient cells,
      AccessControl access, JsonCodec json, Responses responses, GuardedModels models) {
    this.system = system;
    this.models = models;
    this.registry = registry;
    this.cells = cells;
    this.access = access;
    this.json = json;
    this.responses = responses;
  }

  // ---- guarded models ----

  /** {@code GET /v1/models}: each guarded model on this node with its guard's status. */
  CompletionStage<HttpResponse> models(Optional<String> authorization) {
    authorize(authorization, Role.VIEWER, "GET /v1/models");
    List<Map<String, Object>> list = new ArrayList<>();
    for (GuardedModel<?> model : models.all()) {
      list.add(ModelDocument.of(model.status()));
    }
    return CompletableFuture.completedFuture(responses.json(200, Map.of("models", list)));
  }

  /** {@code GET /v1/models/{name}/outcomes}: the model's most recent outcomes, each with its arm's propensity. */
  CompletionStage<HttpResponse> modelOutcomes(Optional<String> authorization, String name) {
    authorize(authorization, Role.VIEWER, "GET /v1/models/" + name + "/outcomes");
    GuardedModel<?> model = models.get(name).orElseThrow(() -> ApiError.notFound("no guarded model " + name));
    return CompletableFuture.completedFuture(responses.json(200, ModelDocument.outcomes(model.status())));
  }

  // ---- kill switches ----

  CompletionStage<HttpResponse> list(Optional<String> authorization) {
    authorize(authorization, Role.VIEWER, "GET /v1/killswitches");
    return ask(KillSwitchRegistry.GetSwitches::new).thenCompose(switches -> {
      boolean draining = switches.switches().stream().anyMatch(s -> s.killSwitch().mode() == Mode.DRAIN);
      CompletionStage<List<Cell.CellStatus>> cellStatuses =
          draining ? cells.statuses() : CompletableFuture.completedFuture(List.of());
      return cellStatuses.thenApply(statuses -> {
        List<Map<String, Object>> list = new ArrayList<>();
        for (SwitchState state : switches.switches()) {
          Map<String, Object> document = document(state.killSwitch(), state.appliedAt());
          if (state.killSwitch().mode() == Mode.DRAIN) {
            addDrainProgress(document, state.killSwitch().id(), statuses);
          }
          list.add(document);
        }
        return responses.json(200, Map.of("killswitches", list));
      });
    });
  }

  /**
   * How much of a drain switch's scope is still queued or running, summed over the cells;
   * {@code pendingExact} is false when some cell did not answer in time.
   */
  private static void addDrainProgress(Map<String, Object> document, String id, List<Cell.CellStatus> statuses) {
    int pending = 0;
    boolean everyCellAnswered = true;
    for (Cell.CellStatus status : statuses) {
      if (status == null) {
        everyCellAnswered = false;
      } else {
        pending += status.draining().getOrDefault(id, 0);
      }
    }
    document.put("pending", pending);
    document.put("pendingExact", everyCellAnswered);
  }

  CompletionStage<HttpResponse> engage(Optional<String> authorization, byte[] body) {
    Principal who = authorize(authorization, Role.OPERATOR, "POST /v1/killswitches");
    JsonNode request = json.parse(body);
    if (!request.isObject()) {
      throw ApiError.invalid("body", "must be a JSON object");
    }
    for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!ENGAGE_FIELDS.contains(name)) {
        throw ApiError.invalid(name, "is not a field of a kill switch (fields: " + ENGAGE_FIELDS + ")");
      }
    }
    Scope scope;
    try {
      scope = Scope.parse(text(request, "scope"));
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("scope", e.getMessage());
    }
    Mode mode = Mode.fromWireName(text(request, "mode"))
        .orElseThrow(() -> ApiError.invalid("mode", "must be reject_new, drain or hard_stop"));
    String reason = text(request, "reason");
    if (reason.isBlank() || reason.length() > MAX_REASON) {
      throw ApiError.invalid("reason", "must say why, in 1 to " + MAX_REASON + " characters");
    }
    long ttl = KillSwitch.NO_TTL;
    if (request.has("ttlSeconds")) {
      JsonNode value = request.get("ttlSeconds");
      if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > MAX_TTL_SECONDS) {
        throw ApiError.invalid("ttlSeconds", "must be an integer from 1 to " + MAX_TTL_SECONDS);
      }
      ttl = value.asLong();
    }
    long ttlSeconds = ttl;
    return ask((ActorRef<KillSwitchRegistry.Engaged> replyTo) ->
            new KillSwitchRegistry.Engage(scope, mode, reason, who.name(), ttlSeconds, replyTo))
        .thenApply(engaged -> {
          Map<String, Object> document = document(engaged.killSwitch(), Map.of());
          document.put("confirmedByAll", engaged.confirmedByAll());
          return responses.json(201, document)
              .addHeader(Location.create("/v1/killswitches/" + engaged.killSwitch().id()));
        });
  }

  CompletionStage<HttpResponse> release(Optional<String> authorization, String id) {
    Principal who = authorize(authorization, Role.OPERATOR, "DELETE /v1/killswitches/" + id);
    return ask((ActorRef<KillSwitchRegistry.Released> replyTo) -> new KillSwitchRegistry.Release(id, who.name(), replyTo))
        .thenApply(released -> {
          if (!released.found()) {
            throw ApiError.notFound("no engaged kill switch " + id);
          }
          return responses.json(200, Map.of("id", id, "released", true, "confirmedByAll", released.confirmedByAll()));
        });
  }

  CompletionStage<HttpResponse> audit(Optional<String> authorization) {
    authorize(authorization, Role.VIEWER, "GET /v1/killswitches/audit");
    return ask(KillSwitchRegistry.GetAudit::new).thenApply(audit -> {
      List<AuditEntry> entries = audit.entries();
      return responses.json(200, Map.of("audit", entries));
    });
  }

  // ---- breakers ----

  CompletionStage<HttpResponse> breakers(Optional<String> authorization) {
    authorize(authorization, Role.VIEWER, "GET /v1/breakers");
    return cells.statuses().thenApply(statuses -> {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Cell.CellStatus status : statuses) {
        if (status != null) {
          Map<String, Object> breaker = breakerDocument(status.breaker());
          breaker.put("cell", status.cell());
          breaker.put("node", status.node());
          list.add(breaker);
        }
      }
      return responses.json(200, Map.of("breakers", list));
    });
  }

  CompletionStage<HttpResponse> setBreaker(Optional<String> authorization, String name, String action) {
    authorize(authorization, Role.OPERATOR, "POST /v1/breakers/" + name + "/" + action);
    if (!action.equals("open") && !action.equals("close")) {
      throw ApiError.notFound("breakers can be opened or closed, not " + action);
    }
    int cell = cellOf(name);
    return cells.setBreaker(cell, action.equals("open")).thenApply(status -> {
      Map<String, Object> breaker = breakerDocument(status);
      breaker.put("cell", cell);
      return responses.json(200, breaker);
    });
  }

  private int cellOf(String breaker) {
    if (breaker.startsWith("cell-")) {
      try {
        int cell = Integer.parseInt(breaker.substring("cell-".length()));
        if (cell >= 0 && cell < cells.cells()) {
          return cell;
        }
      } catch (NumberFormatException notACell) {
        // reported below
      }
    }
    throw ApiError.notFound("no breaker " + breaker + " (breakers are cell-0 to cell-" + (cells.cells() - 1) + ")");
  }

  // ---- helpers ----

  /** The caller's principal; a refusal is audited and answered 401 or 403. */
  private Principal authorize(Optional<String> authorization, Role required, String attempted) {
    AccessControl.Result result = access.check(authorization, required);
    if (result.refusal() != null) {
      registry.tell(new KillSwitchRegistry.RecordDenied(result.refusal().who(), attempted, result.refusal().why()));
      throw result.refusal().status() == 401
          ? ApiError.unauthorized(result.refusal().why() + "; send Authorization: Bearer <token>")
          : ApiError.forbidden(result.refusal().why());
    }
    return result.principal();
  }

  private <T> CompletionStage<T> ask(org.apache.pekko.japi.function.Function<ActorRef<T>, KillSwitchRegistry.Command> message) {
    return OnExecutor.complete(
        AskPattern.ask(registry, message, cells.askTimeout(), system.scheduler()), system.executionContext());
  }

  private static String text(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      throw ApiError.invalid(field, "is required");
    }
    if (!value.isTextual()) {
      throw ApiError.invalid(field, "must be a string");
    }
    return value.textValue();
  }

  static Map<String, Object> document(KillSwitch s, Map<String, String> appliedAt) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", s.id());
    doc.put("scope", s.scope().wireName());
    doc.put("mode", s.mode().wireName());
    doc.put("reason", s.reason());
    doc.put("operator", s.operator());
    doc.put("engagedAt", Instant.ofEpochMilli(s.engagedAt()).toString());
    doc.put("ttlSeconds", s.ttlSeconds() == KillSwitch.NO_TTL ? null : s.ttlSeconds());
    doc.put("expiresAt", s.ttlSeconds() == KillSwitch.NO_TTL ? null : Instant.ofEpochMilli(s.expiresAt()).toString());
    doc.put("appliedBy", new TreeSet<>(appliedAt.keySet()));
    doc.put("appliedAt", new TreeMap<>(appliedAt));
    return doc;
  }

  private static Map<String, Object> breakerDocument(BreakerStatus status) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", status.name());
    doc.put("state", status.state());
    doc.put("failureRate", status.failureRate() < 0 ? null : status.failureRate());
    doc.put("slowCallRate", status.slowCallRate() < 0 ? null : status.slowCallRate());
    doc.put("calls", status.calls());
    return doc;
  }
}
