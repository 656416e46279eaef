package io.cellwork.controlplane.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A 4xx (or 503) answer and its JSON body: {@code {"error": code, "message": ..., "field": ...}}.
 * Thrown from request handling and turned into a response at the edge of the routes, so a bad
 * input stops before anything is created or changed.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;
  private final long retryAfterSeconds;
  private final String switchId;

  private ApiError(int status, String code, String field, String message, long retryAfterSeconds) {
    this(status, code, field, message, retryAfterSeconds, null);
  }

  private ApiError(int status, String code, String field, String message, long retryAfterSeconds, String switchId) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
    this.switchId = switchId;
  }

  public static ApiError invalid(String field, String message) {
    return new ApiError(400, "invalid_request", field, message, 0);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, "unauthorized", null, message, 0);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "forbidden", null, message, 0);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "not_found", null, message, 0);
  }

  public static ApiError tooLarge(long limitBytes) {
    return new ApiError(413, "payload_too_large", null, "request body exceeds " + limitBytes + " bytes", 0);
  }

  public static ApiError conflict(String message) {
    return new ApiError(409, "conflict", "id", message, 0);
  }

  public static ApiError overloaded(String reason, String message, long retryAfterSeconds) {
    return new ApiError(429, reason, null, message, retryAfterSeconds);
  }

  /** A kill switch covers the request; the body names the switch. */
  public static ApiError killed(String switchId, long retryAfterSeconds) {
    return new ApiError(503, "killed", null, "kill switch " + switchId + " stops this work", retryAfterSeconds, switchId);
  }

  public static ApiError unavailable(String reason, String message, long retryAfterSeconds) {
    return new ApiError(503, reason, null, message, retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    if (field != null) {
      body.put("field", field);
    }
    body.put("message", getMessage());
    if (switchId != null) {
      body.put("switch", switchId);
    }
    if (retryAfterSeconds > 0) {
      body.put("retryAfterSeconds", retryAfterSeconds);
    }
    return body;
  }
}
