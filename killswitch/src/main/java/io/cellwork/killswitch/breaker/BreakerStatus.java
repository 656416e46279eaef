package io.cellwork.killswitch.breaker;

import io.cellwork.killswitch.KillSwitchWire;

/**
 * A breaker as operators see it.
 *
 * @param state {@code closed}, {@code open}, {@code half_open} or {@code forced_open}
 * @param failureRate percent of failed calls in the window, or -1 before the minimum number of calls
 * @param slowCallRate percent of slow calls in the window, or -1 likewise
 */
public record BreakerStatus(String name, String state, float failureRate, float slowCallRate, int calls)
    implements KillSwitchWire {}
