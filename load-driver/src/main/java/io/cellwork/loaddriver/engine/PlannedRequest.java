package io.cellwork.loaddriver.engine;

/**
 * One request a {@link RequestSource} wants sent.
 *
 * @param groups the report groups it counts in besides the total (e.g. {@code size:small}); may be empty
 * @param tag anything the scenario wants back with the answer (e.g. the planned task)
 */
public record PlannedRequest(String method, String path, byte[] body, String[] groups, Object tag) {}
