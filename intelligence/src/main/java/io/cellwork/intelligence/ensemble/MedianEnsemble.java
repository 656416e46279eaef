package io.cellwork.intelligence.ensemble;

import io.cellwork.intelligence.Model;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers with the median of its members' predictions. A member that throws, or answers NaN,
 * infinity or a negative number, is skipped for that call; a member that answers an absurd but
 * finite number is out-voted, since with three or more members one value alone cannot move the
 * median outside the range of the others. So one broken member out of three (or {@code k} out of
 * {@code 2k+1}) never decides the answer. With an even count the median is the mean of the two
 * middle answers. When every member fails it answers NaN, which the caller treats as "no
 * prediction" (its guard falls back).
 *
 * <p>O(m log m) per call for m members, one small array allocated. Holds no mutable state of its
 * own (the skip counter is atomic), so it is as thread-safe as its members.
 */
public final class MedianEnsemble<F> implements Model<F, Double> {
  private final String name;
  private final List<Model<F, Double>> members;
  private final LongAdder skipped = new LongAdder();

  public MedianEnsemble(String name, List<Model<F, Double>> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one member");
    }
    this.name = name;
    this.members = List.copyOf(members);
  }

  @Override
  public String name() {
    return name;
  }

  /** The members' names and versions, so a change of any member changes the ensemble's version. */
  @Override
  public String version() {
    StringBuilder version = new StringBuilder("median");
    for (Model<F, Double> member : members) {
      version.append('+').append(member.name()).append('@').append(member.version());
    }
    return version.toString();
  }

  public List<Model<F, Double>> members() {
    return members;
  }

  /** Member answers skipped so far (thrown, NaN, infinite or negative). */
  public long skippedAnswers() {
    return skipped.sum();
  }

  @Override
  public Double predict(F features) {
    double[] answers = new double[members.size()];
    int valid = 0;
    for (Model<F, Double> member : members) {
      Double answer;
      try {
        answer = member.predict(features);
      } catch (RuntimeException broken) {
        answer = null;
      }
      if (answer != null && Double.isFinite(answer) && answer >= 0) {
        answers[valid++] = answer;
      } else {
        skipped.increment();
      }
    }
    if (valid == 0) {
      return Double.NaN;
    }
    Arrays.sort(answers, 0, valid);
    int mid = valid / 2;
    return valid % 2 == 1 ? answers[mid] : (answers[mid - 1] + answers[mid]) / 2;
  }
}
