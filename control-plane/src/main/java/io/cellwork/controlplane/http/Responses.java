package io.cellwork.controlplane.http;

import io.cellwork.cells.task.TaskView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/** Builds the API's JSON responses. Thread-safe. */
final class Responses {
  private final JsonCodec json;

  Responses(JsonCodec json) {
    this.json = json;
  }

  HttpResponse json(int status, Object body) {
    return HttpResponse.create()
        .withStatus(StatusCodes.get(status))
        .withEntity(ContentTypes.APPLICATION_JSON, json.write(body));
  }

  HttpResponse error(ApiError error) {
    HttpResponse response = json(error.status(), error.body());
    if (error.status() == 401) {
      response = response.addHeader(RawHeader.create("WWW-Authenticate", "Bearer"));
    }
    return error.retryAfterSeconds() > 0
        ? response.addHeader(RawHeader.create("Retry-After", Long.toString(error.retryAfterSeconds())))
        : response;
  }

  /** A freshly accepted task: 202, where to find it, and its status. */
  HttpResponse accepted(TaskView task) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", task.id());
    body.put("cell", task.cell());
    body.put("status", task.status().wireName());
    return json(202, body).addHeader(Location.create(taskPath(task)));
  }

  /** The full status document: 200 once final, 202 while the task is still open. */
  HttpResponse status(TaskView task) {
    return json(task.status().isFinal() ? 200 : 202, document(task)).addHeader(Location.create(taskPath(task)));
  }

  static Map<String, Object> document(TaskView task) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", task.id());
    body.put("cell", task.cell());
    body.put("status", task.status().wireName());
    body.put("result", task.result());
    body.put("error", task.error());
    return body;
  }

  static String taskPath(TaskView task) {
    return "/v1/cells/" + task.cell() + "/tasks/" + task.id();
  }
}
