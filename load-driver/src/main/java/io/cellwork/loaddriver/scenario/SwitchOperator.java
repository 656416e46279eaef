package io.cellwork.loaddriver.scenario;

import io.cellwork.loaddriver.api.ApiResponse;
import io.cellwork.loaddriver.api.CellworkApi;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Engages and releases one kill switch through the real API ({@code POST /v1/killswitches},
 * {@code DELETE /v1/killswitches/{id}}) with the admin token, remembering when each call was sent
 * and when it returned. Used from one scheduler thread; the times are read afterwards.
 */
final class SwitchOperator {
  /** Long enough to outlive any run; released explicitly anyway. */
  private static final int TTL_SECONDS = 600;

  private final CellworkApi api;
  private final String token;
  private volatile String switchId;
  private volatile String failure;
  volatile long engageSentNanos;
  volatile long engageReturnedNanos;
  volatile long releaseSentNanos;
  volatile long releaseReturnedNanos;

  SwitchOperator(CellworkApi api, String token) {
    this.api = api;
    this.token = token;
  }

  void engage(String scope, String mode, String reason) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("scope", scope);
    request.put("mode", mode);
    request.put("reason", reason);
    request.put("ttlSeconds", TTL_SECONDS);
    engageSentNanos = System.nanoTime();
    ApiResponse r = api.postAuthorized("/v1/killswitches", request, token).join();
    engageReturnedNanos = System.nanoTime();
    String id = r.body().path("id").asText("");
    if ((r.status() == 201 || r.status() == 200) && !id.isEmpty()) {
      switchId = id;
    } else {
      failure = "engage answered HTTP " + r.status() + " " + r.body();
    }
  }

  void release() {
    if (switchId == null) {
      return;
    }
    releaseSentNanos = System.nanoTime();
    ApiResponse r = api.deleteAuthorized("/v1/killswitches/" + switchId, token).join();
    releaseReturnedNanos = System.nanoTime();
    if (r.status() != 200 && r.status() != 204) {
      failure = "release answered HTTP " + r.status() + " " + r.body();
    }
  }

  String switchId() {
    return switchId;
  }

  /** Why engaging or releasing failed; null when both worked. */
  String failure() {
    return failure;
  }

  boolean engaged() {
    return engageSentNanos != 0 && switchId != null;
  }

  boolean released() {
    return releaseSentNanos != 0;
  }
}
