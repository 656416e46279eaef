package io.cellwork.loaddriver.engine;

import java.util.function.Consumer;

/**
 * One request on its way: what to send, where, when it was meant to go, and who hears the answer.
 * The callback runs on the engine's event loop that carried it: keep it short and never block.
 *
 * @param intendedNanos when the schedule wanted it sent ({@link System#nanoTime}); latency counts
 *     from here, so time spent waiting for a free connection is part of it (no coordinated omission)
 */
public record Exchange(int target, String method, String path, byte[] body, long intendedNanos, Consumer<Answer> onAnswer) {}
