package io.cellwork.intelligence.ensemble;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per member of one {@link LearningEnsemble}: how many of its answers were skipped (it threw, or
 * answered NaN, infinity or a negative number), on the hot path and in the guard alike. Shared by
 * every snapshot of the ensemble, so the counts survive republishing. Striped counters, bumped
 * only when a member fails: a healthy ensemble never touches them. Thread-safe.
 */
public final class MemberHealth {
  private final List<String> names;
  private final LongAdder[] skipped;

  MemberHealth(List<String> names) {
    this.names = List.copyOf(names);
    this.skipped = new LongAdder[names.size()];
    for (int i = 0; i < skipped.length; i++) {
      skipped[i] = new LongAdder();
    }
  }

  /** The members' {@code name/version}, in member order. */
  public List<String> names() {
    return names;
  }

  public int size() {
    return names.size();
  }

  void skip(int member) {
    skipped[member].increment();
  }

  /** Answers of member {@code member} skipped so far. */
  public long skipped(int member) {
    return skipped[member].sum();
  }
}
