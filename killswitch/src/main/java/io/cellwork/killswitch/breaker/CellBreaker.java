package io.cellwork.killswitch.breaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The circuit breaker around one cell's work handlers: Resilience4j's state machine over a
 * count-based sliding window of failure and slow-call rates, with half-open probes. It only moves
 * when the cell calls it (no timer thread of its own), so transitions happen on the cell's
 * thread and tests drive time through the injected clock. Not thread-safe by use: owned by one
 * cell actor.
 */
public final class CellBreaker {

  /** A change of state, as told to the listener. */
  public record Transition(String from, String to, BreakerStatus status) {}

  private final CircuitBreaker breaker;

  public CellBreaker(String name, BreakerSettings settings, Clock clock, Consumer<Transition> listener) {
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .failureRateThreshold(settings.failureRateThreshold())
        .slowCallRateThreshold(settings.slowCallRateThreshold())
        .slowCallDurationThreshold(settings.slowCallDuration())
        .slidingWindow(settings.slidingWindowCalls(), settings.minimumCalls(),
            CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .waitDurationInOpenState(settings.waitInOpen())
        .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .currentTimestampFunction(c -> clock.millis(), TimeUnit.MILLISECONDS)
        .writableStackTraceEnabled(false)
        .build();
    this.breaker = new CircuitBreakerStateMachine(name, config, clock);
    breaker.getEventPublisher().onStateTransition(event -> listener.accept(new Transition(
        wireName(event.getStateTransition().getFromState()),
        wireName(event.getStateTransition().getToState()),
        status())));
  }

  /** Whether one call may start now; when open long enough, this is what moves it to half-open. */
  public boolean tryAcquire() {
    return breaker.tryAcquirePermission();
  }

  /** Gives back a permission that was not used for a call. */
  public void release() {
    breaker.releasePermission();
  }

  public void succeeded(long nanos) {
    breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
  }

  public void failed(long nanos, String error) {
    breaker.onError(nanos, TimeUnit.NANOSECONDS, new WorkFailed(error));
  }

  /** Lets an open breaker go half-open once its wait is over, even if no work is waiting to probe it. */
  public void poll() {
    if (breaker.getState() == CircuitBreaker.State.OPEN && breaker.tryAcquirePermission()) {
      breaker.releasePermission();
    }
  }

  public void forceOpen() {
    breaker.transitionToForcedOpenState();
  }

  public void close() {
    breaker.transitionToClosedState();
  }

  public boolean isOpen() {
    CircuitBreaker.State state = breaker.getState();
    return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
  }

  public BreakerStatus status() {
    CircuitBreaker.Metrics metrics = breaker.getMetrics();
    return new BreakerStatus(breaker.getName(), wireName(breaker.getState()), metrics.getFailureRate(),
        metrics.getSlowCallRate(), metrics.getNumberOfBufferedCalls());
  }

  private static String wireName(CircuitBreaker.State state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  /** A failed work outcome as the breaker records it; no stack trace, it is not an exception of ours. */
  private static final class WorkFailed extends RuntimeException {
    WorkFailed(String error) {
      super(error, null, false, false);
    }
  }
}
