package io.cellwork.intelligence.guard;

import io.cellwork.intelligence.LearningModel;
import io.cellwork.intelligence.ScalarModel;
import java.util.function.ToDoubleFunction;

/**
 * What a guard actor guards: the primary it trains and scores, the fallback it switches to, the
 * loss it scores with and the input feature it watches for drift.
 */
public record GuardedSpec<F>(
    String name,
    LearningModel<F> primary,
    ScalarModel<F> fallback,
    RelativeError loss,
    ToDoubleFunction<F> monitoredFeature) {}
