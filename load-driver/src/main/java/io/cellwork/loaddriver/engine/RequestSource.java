package io.cellwork.loaddriver.engine;

import java.util.random.RandomGenerator;

/** Makes the next request of a run; called concurrently from the engine's lanes, each with its own random. */
@FunctionalInterface
public interface RequestSource {
  PlannedRequest next(RandomGenerator random);
}
