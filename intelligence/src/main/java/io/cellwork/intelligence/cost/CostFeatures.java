package io.cellwork.intelligence.cost;

/**
 * What is known about a task before it runs.
 *
 * @param kind the task kind
 * @param declaredMillis how long the task says it will take (a sleep's millis, a cpu burn's
 *     micros / 1000), or 0 when its parameters say nothing about duration
 */
public record CostFeatures(String kind, double declaredMillis) {}
