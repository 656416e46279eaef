package io.cellwork.loaddriver.retry;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A retry budget after Finagle's {@code RetryBudget}: every request earns {@code ratio} of a
 * retry, every retry spends one, and credit lives for a sliding window (default 10 s), plus a
 * floor of {@code minRetriesPerSecond × window} so clients with little traffic can still retry.
 * {@link #tryRetry()} allows a retry while retries ≤ ratio × requests + floor over the window.
 * This bounds the extra load retries add during an outage to {@code ratio} of the offered load,
 * which is what stops a retry storm.
 *
 * <p>The window is a ring of {@value #SLOTS} per-slot counters that expire slot by slot, so
 * credit is forgotten within window/{@value #SLOTS}. Bucket4j does not fit here: its buckets
 * refill with time and keep deposited tokens until spent (only capped by a fixed capacity),
 * whereas this budget's credit must come from requests and expire with the window — otherwise
 * a long calm period banks credit that a storm then spends all at once, and the cap that would
 * prevent it depends on the unknown request rate.
 *
 * <p>Threading: any thread; every method is a short O(1)-amortised critical section on this
 * object (one uncontended monitor per request is far below a load driver's per-request cost).
 * Time comes from the injected nanosecond clock, so tests drive it by hand.
 */
public final class RetryBudget {
  /** Default window, as in Finagle. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
  /** Slots in the window's ring: credit expires in steps of window/SLOTS. */
  static final int SLOTS = 10;

  private final double ratio;
  private final double floor;
  private final long slotNanos;
  private final LongSupplier nanoClock;

  private final long[] requests = new long[SLOTS];
  private final long[] retries = new long[SLOTS];
  private long requestSum;
  private long retrySum;
  private long currentSlot;
  private long retriesDenied;

  public RetryBudget(double ratio, int minRetriesPerSecond, LongSupplier nanoClock) {
    this(ratio, minRetriesPerSecond, DEFAULT_WINDOW, nanoClock);
  }

  public RetryBudget(
      double ratio, int minRetriesPerSecond, Duration window, LongSupplier nanoClock) {
    if (!(ratio >= 0) || !Double.isFinite(ratio)) {
      throw new IllegalArgumentException("ratio must be a finite number >= 0, got " + ratio);
    }
    if (minRetriesPerSecond < 0) {
      throw new IllegalArgumentException(
          "minRetriesPerSecond must be >= 0, got " + minRetriesPerSecond);
    }
    if (window.toNanos() < SLOTS) {
      throw new IllegalArgumentException("window too short: " + window);
    }
    this.ratio = ratio;
    this.floor = minRetriesPerSecond * (window.toNanos() / 1e9);
    this.slotNanos = window.toNanos() / SLOTS;
    this.nanoClock = nanoClock;
    this.currentSlot = Math.floorDiv(nanoClock.getAsLong(), slotNanos);
  }

  /** Records one original request (not a retry); it earns {@code ratio} retries of credit. */
  public synchronized void onRequest() {
    int slot = advance();
    requests[slot]++;
    requestSum++;
  }

  /** Spends one retry if the window's budget allows it; false means do not retry. */
  public synchronized boolean tryRetry() {
    int slot = advance();
    if (retrySum + 1 <= ratio * requestSum + floor) {
      retries[slot]++;
      retrySum++;
      return true;
    }
    retriesDenied++;
    return false;
  }

  /** Retries still allowed in the current window (rounded down), for progress lines. */
  public synchronized long available() {
    advance();
    return Math.max(0, (long) Math.floor(ratio * requestSum + floor - retrySum));
  }

  /** Retries refused since creation. */
  public synchronized long retriesDenied() {
    return retriesDenied;
  }

  /** Expires the slots the clock has moved past; returns the index of the current slot. */
  private int advance() {
    long now = Math.floorDiv(nanoClock.getAsLong(), slotNanos);
    long passed = now - currentSlot;
    if (passed > 0) {
      long toClear = Math.min(passed, SLOTS);
      for (long s = 1; s <= toClear; s++) {
        int i = (int) Math.floorMod(currentSlot + s, SLOTS);
        requestSum -= requests[i];
        retrySum -= retries[i];
        requests[i] = 0;
        retries[i] = 0;
      }
      currentSlot = now;
    }
    return (int) Math.floorMod(currentSlot, SLOTS);
  }
}
