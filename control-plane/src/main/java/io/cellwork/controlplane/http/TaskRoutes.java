package io.cellwork.controlplane.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwork.cells.CellsClient;
import io.cellwork.cells.cell.Cell;
import io.cellwork.cells.ledger.AccountId;
import io.cellwork.cells.task.InvalidTaskException;
import io.cellwork.cells.task.TaskIdentifiers;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.task.TaskView;
import io.cellwork.controlplane.node.NodeSettings;
import io.cellwork.killswitch.rate.RateMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.pattern.AskTimeoutException;

/**
 * The data plane over HTTP: submit tasks (one or a batch), read task status and balances. Each
 * request is parsed and validated completely before anything is routed, so a bad request
 * changes nothing. Thread-safe.
 */
final class TaskRoutes {
  private final CellsClient cells;
  private final TaskRequestParser parser;
  private final JsonCodec json;
  private final Responses responses;
  private final NodeSettings settings;
  private final RateMeter rates;

  TaskRoutes(CellsClient cells, JsonCodec json, Responses responses, NodeSettings settings, RateMeter rates) {
    this.cells = cells;
    this.parser = new TaskRequestParser(cells.catalog());
    this.json = json;
    this.responses = responses;
    this.settings = settings;
    this.rates = rates;
  }

  CompletionStage<HttpResponse> submit(byte[] body, boolean wait) {
    TaskSpec task = parser.parse(json.parse(body));
    return submitParsed(task, wait).thenApply(outcome -> outcome.toResponse(responses));
  }

  /** Validates every item on its own; valid ones are submitted, each gets its own result. */
  CompletionStage<HttpResponse> submitBatch(byte[] body, boolean wait) {
    JsonNode items = json.parse(body);
    if (!items.isArray()) {
      throw ApiError.invalid("body", "must be a JSON array of tasks");
    }
    if (items.size() > settings.maxBatchItems()) {
      throw ApiError.invalid("body", "may hold at most " + settings.maxBatchItems() + " tasks");
    }
    List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      try {
        TaskSpec task = parser.parse(items.get(i), "[" + i + "].");
        outcomes.add(submitParsed(task, wait).toCompletableFuture());
      } catch (ApiError invalid) {
        outcomes.add(CompletableFuture.completedFuture(new Outcome(invalid)));
      }
    }
    return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<Map<String, Object>> results = new ArrayList<>(outcomes.size());
      for (CompletableFuture<Outcome> outcome : outcomes) {
        results.add(outcome.join().toBatchItem());
      }
      return responses.json(200, Map.of("results", results));
    });
  }

  CompletionStage<HttpResponse> taskInCell(int cell, String taskId) {
    if (cell < 0 || cell >= cells.cells()) {
      throw ApiError.notFound("there is no cell " + cell + " (cells are 0 to " + (cells.cells() - 1) + ")");
    }
    checkIdentifier(() -> TaskIdentifiers.checkId("id", taskId));
    return cells.task(cell, taskId)
        .handle((lookup, failure) -> {
          if (failure != null) {
            throw unavailable(failure);
          }
          if (lookup.task() == null) {
            throw ApiError.notFound("cell " + cell + " does not know task " + taskId);
          }
          return responses.json(200, Responses.document(lookup.task()));
        });
  }

  CompletionStage<HttpResponse> taskByKey(String taskId, String tenant, String key) {
    checkIdentifier(() -> TaskIdentifiers.checkTenant("tenant", tenant));
    checkIdentifier(() -> TaskIdentifiers.checkKey("key", key));
    return taskInCell(cells.cellFor(tenant, key), taskId);
  }

  CompletionStage<HttpResponse> balance(String tenant, String key) {
    checkIdentifier(() -> TaskIdentifiers.checkTenant("tenant", tenant));
    checkIdentifier(() -> TaskIdentifiers.checkKey("key", key));
    return cells.balance(new AccountId(tenant, key)).handle((balance, failure) -> {
      if (failure != null) {
        throw unavailable(failure);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("tenant", tenant);
      body.put("key", key);
      body.put("balance", balance.balance());
      return responses.json(200, body);
    });
  }

  private CompletionStage<Outcome> submitParsed(TaskSpec task, boolean wait) {
    rates.record("tenant:" + task.tenant()); // what the rate governor compares with the ceilings
    Duration timeout = wait ? settings.waitTimeout() : cells.askTimeout();
    return cells.submit(task, wait, timeout).<CompletionStage<Outcome>>handle((reply, failure) -> {
      if (failure == null) {
        return CompletableFuture.completedFuture(Outcome.of(reply, wait));
      }
      if (wait && isTimeout(failure)) {
        // still running: answer with what the cell knows now
        int cell = cells.cellFor(task.tenant(), task.key());
        return cells.task(cell, task.id()).handle((lookup, lookupFailure) ->
            lookupFailure == null && lookup.task() != null
                ? new Outcome(lookup.task(), true)
                : new Outcome(unavailable(failure)));
      }
      return CompletableFuture.completedFuture(new Outcome(unavailable(failure)));
    }).thenCompose(stage -> stage);
  }

  private static ApiError unavailable(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    String why = isTimeout(cause) ? "the cell did not answer in time" : "the cell is not reachable: " + cause.getMessage();
    return ApiError.unavailable("cell_unavailable", why, 1);
  }

  private static boolean isTimeout(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof TimeoutException || cause instanceof AskTimeoutException;
  }

  private static void checkIdentifier(Runnable check) {
    try {
      check.run();
    } catch (InvalidTaskException e) {
      throw ApiError.invalid(e.field(), e.reason());
    }
  }

  /** What became of one submission: a task view to report, or an error. */
  private record Outcome(TaskView task, boolean fullDocument, ApiError error) {
    Outcome(TaskView task, boolean fullDocument) {
      this(task, fullDocument, null);
    }

    Outcome(ApiError error) {
      this(null, false, error);
    }

    static Outcome of(Cell.SubmitReply reply, boolean wait) {
      if (reply instanceof Cell.Accepted accepted) {
        return new Outcome(accepted.task(), wait || accepted.replay());
      } else if (reply instanceof Cell.Rejected rejected) {
        long seconds = Math.max(1, (rejected.retryAfterMillis() + 999) / 1000);
        if (rejected.reason() == Cell.RejectReason.KILL_SWITCH) {
          return new Outcome(ApiError.killed(rejected.detail(), seconds));
        }
        return new Outcome(ApiError.overloaded(rejected.reason().wireName(), rejected.detail(), seconds));
      } else if (reply instanceof Cell.Conflict conflict) {
        return new Outcome(ApiError.conflict(
            "task " + conflict.taskId() + " exists with a different body; use a new id"));
      }
      throw new IllegalStateException("unexpected reply " + reply);
    }

    HttpResponse toResponse(Responses responses) {
      if (error != null) {
        throw error;
      }
      return fullDocument ? responses.status(task) : responses.accepted(task);
    }

    Map<String, Object> toBatchItem() {
      Map<String, Object> item = new LinkedHashMap<>();
      if (error != null) {
        item.put("status", error.status());
        item.put("body", error.body());
      } else {
        item.put("status", fullDocument && task.status().isFinal() ? 200 : 202);
        item.put("body", Responses.document(task));
      }
      return item;
    }
  }
}
