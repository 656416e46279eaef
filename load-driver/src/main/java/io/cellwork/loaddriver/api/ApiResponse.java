package io.cellwork.loaddriver.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One answer of the Cellwork API.
 *
 * @param status the HTTP status, or 0 when no answer came (connection failure)
 * @param body the parsed JSON body; a missing node when there was none
 * @param latencyNanos from sending the request until the answer was read
 */
public record ApiResponse(int status, JsonNode body, long latencyNanos) {

  public boolean isAccepted() {
    return status == 200 || status == 202;
  }

  /** The {@code error} code of a 4xx/5xx body, or the status text when there is none. */
  public String errorCode() {
    return body.has("error") && !body.get("error").isNull() ? body.get("error").asText() : "http_" + status;
  }
}
