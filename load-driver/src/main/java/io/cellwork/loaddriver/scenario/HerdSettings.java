package io.cellwork.loaddriver.scenario;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/**
 * The {@code thundering-herd} block of a scenario (every key is commented in
 * conf/scenarios/thundering-herd.conf), read once and checked.
 *
 * @param phases the phases in the order they run: {@code naive}, {@code backoff} (jitter + budget), {@code jitter} (no budget)
 * @param warmUp an unreported run at the scenario's rate before the first phase (no switch, no retries)
 * @param coolDown nothing is sent for this long between phases, so each starts from an idle cluster
 * @param engageAt when in each phase the global reject_new switch is engaged
 * @param hold how long it stays engaged
 * @param settle goodput before the switch counts from this long after the phase's start
 * @param bucket the time resolution of the figures
 * @param recoveredWindow the window in which new arrivals must get done at {@code recoveredShare} of their rate
 * @param deadline a client gives up on a request this long after its first try was meant to go
 * @param naiveMaxAttempts naive clients give up after this many retries
 * @param backoffBase full-jitter backoff: the delay before retry n is uniform in [0, min(cap, base * 2^n)]
 * @param honourRetryAfter backoff clients wait at least the answer's Retry-After (seconds) when it has one
 * @param budgetRatio retry budget: retries allowed per new request over the window ...
 * @param budgetMinPerSecond ... plus this many per second
 */
record HerdSettings(List<String> phases, Duration warmUp, Duration coolDown, Duration engageAt, Duration hold,
    Duration settle, Duration bucket, Duration recoveredWindow, double recoveredShare, Duration deadline,
    int naiveMaxAttempts, Duration backoffBase, Duration backoffCap, int backoffMaxAttempts, boolean honourRetryAfter,
    double budgetRatio, int budgetMinPerSecond, Duration budgetWindow) {

  static final List<String> PHASES = List.of("naive", "backoff", "jitter");

  HerdSettings {
    if (phases.isEmpty() || !PHASES.containsAll(phases)) {
      throw new IllegalArgumentException("thundering-herd.phases must list some of naive, backoff, jitter, not " + phases);
    }
    if (!(recoveredShare > 0 && recoveredShare <= 1)) {
      throw new IllegalArgumentException("thundering-herd.recovered-share must be in (0, 1], not " + recoveredShare);
    }
    if (hold.isZero() || bucket.isZero() || recoveredWindow.compareTo(bucket) < 0) {
      throw new IllegalArgumentException("thundering-herd: hold and bucket must be > 0 and recovered-window >= bucket");
    }
  }

  static HerdSettings create(Config herd) {
    Config backoff = herd.getConfig("backoff");
    Config budget = herd.getConfig("budget");
    return new HerdSettings(herd.getStringList("phases"), herd.getDuration("warm-up"), herd.getDuration("cool-down"),
        herd.getDuration("engage-at"), herd.getDuration("hold"), herd.getDuration("settle"), herd.getDuration("bucket"),
        herd.getDuration("recovered-window"), herd.getDouble("recovered-share"), herd.getDuration("deadline"),
        herd.getInt("naive.max-attempts"), backoff.getDuration("base"), backoff.getDuration("cap"),
        backoff.getInt("max-attempts"), backoff.getBoolean("honour-retry-after"), budget.getDouble("ratio"),
        budget.getInt("min-per-second"), budget.getDuration("window"));
  }
}
