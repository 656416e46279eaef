package io.cellwork.intelligence.ensemble;

import io.cellwork.intelligence.ScalarModel;
import java.util.List;

/**
 * A {@link LearningEnsemble} frozen at one moment: up to five immutable member snapshots, answering
 * with the median of the usable answers ({@link Median}). A member that throws, or answers NaN,
 * infinity or a negative number, is skipped (and counted in {@link MemberHealth}); one that
 * answers an absurd but finite number is out-voted, since with three or more usable answers one
 * value alone cannot move the median outside the range of the others.
 *
 * <p>Hot path: the members sit in five fields, each called from its own call site, so the JIT sees
 * one member class per site and can inline it; the median is taken on locals. No allocation, no
 * lock: any number of threads may predict concurrently. Cost: the members' lookups plus ~10
 * comparisons.
 */
public final class EnsembleSnapshot<F> implements ScalarModel<F> {
  private final String name;
  private final String version;
  private final List<ScalarModel<F>> members;
  private final MemberHealth health;
  private final int size;
  private final ScalarModel<F> m0;
  private final ScalarModel<F> m1;
  private final ScalarModel<F> m2;
  private final ScalarModel<F> m3;
  private final ScalarModel<F> m4;

  EnsembleSnapshot(String name, String version, List<ScalarModel<F>> members, MemberHealth health) {
    if (members.isEmpty() || members.size() > Median.MAX_LOCALS) {
      throw new IllegalArgumentException(
          "an ensemble snapshot holds 1 to " + Median.MAX_LOCALS + " members, got " + members.size());
    }
    this.name = name;
    this.version = version;
    this.members = List.copyOf(members);
    this.health = health;
    this.size = members.size();
    this.m0 = member(members, 0);
    this.m1 = member(members, 1);
    this.m2 = member(members, 2);
    this.m3 = member(members, 3);
    this.m4 = member(members, 4);
  }

  private static <F> ScalarModel<F> member(List<ScalarModel<F>> members, int i) {
    return i < members.size() ? members.get(i) : null;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String version() {
    return version;
  }

  /** The frozen members, in member order. */
  public List<ScalarModel<F>> members() {
    return members;
  }

  public MemberHealth health() {
    return health;
  }

  @Override
  public double predictValue(F features) {
    return Median.ofUsable(answer0(features), answer1(features), answer2(features), answer3(features),
        answer4(features));
  }

  // One method per member, so each call site stays monomorphic (a shared helper would make one
  // megamorphic site for all of them). An absent member answers NaN without counting as skipped.

  private double answer0(F features) {
    double answer;
    try {
      answer = m0.predictValue(features);
    } catch (RuntimeException broken) {
      answer = Double.NaN;
    }
    return checked(0, answer);
  }

  private double answer1(F features) {
    if (size < 2) {
      return Double.NaN;
    }
    double answer;
    try {
      answer = m1.predictValue(features);
    } catch (RuntimeException broken) {
      answer = Double.NaN;
    }
    return checked(1, answer);
  }

  private double answer2(F features) {
    if (size < 3) {
      return Double.NaN;
    }
    double answer;
    try {
      answer = m2.predictValue(features);
    } catch (RuntimeException broken) {
      answer = Double.NaN;
    }
    return checked(2, answer);
  }

  private double answer3(F features) {
    if (size < 4) {
      return Double.NaN;
    }
    double answer;
    try {
      answer = m3.predictValue(features);
    } catch (RuntimeException broken) {
      answer = Double.NaN;
    }
    return checked(3, answer);
  }

  private double answer4(F features) {
    if (size < 5) {
      return Double.NaN;
    }
    double answer;
    try {
      answer = m4.predictValue(features);
    } catch (RuntimeException broken) {
      answer = Double.NaN;
    }
    return checked(4, answer);
  }

  private double checked(int member, double answer) {
    if (Median.usable(answer)) {
      return answer;
    }
    health.skip(member);
    return Double.NaN;
  }
}
