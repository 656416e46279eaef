package io.cellwork.intelligence.ensemble;

import io.cellwork.intelligence.LearningModel;
import io.cellwork.intelligence.ScalarModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A median ensemble that a guard can serve lock-free: it trains its learning members on every
 * outcome it is fed and publishes {@link EnsembleSnapshot}s of them. Members are either
 * {@link LearningModel}s (trained, and frozen by their own {@code snapshot()}) or immutable
 * {@link ScalarModel}s such as a heuristic (served as they are). A member that throws while
 * learning or freezing is skipped for that outcome, or keeps its previous snapshot, so one broken
 * member never stops the others; its answers are then out-voted or skipped by the median.
 *
 * <p>Cost: the sum of the members' costs per outcome; a snapshot costs the members' snapshots.
 * Not thread-safe: owned by one actor (the guard); other threads read its snapshots.
 */
public final class LearningEnsemble<F> implements LearningModel<F> {
  private final String name;
  private final String version;
  private final List<ScalarModel<F>> members;
  private final MemberHealth health;
  private final List<ScalarModel<F>> frozen;

  public LearningEnsemble(String name, List<? extends ScalarModel<F>> members) {
    if (members.isEmpty() || members.size() > Median.MAX_LOCALS) {
      throw new IllegalArgumentException(
          "a served ensemble has 1 to " + Median.MAX_LOCALS + " members, got " + members.size());
    }
    this.name = name;
    this.members = List.copyOf(members);
    List<String> names = new ArrayList<>(members.size());
    StringBuilder v = new StringBuilder("median");
    for (ScalarModel<F> member : this.members) {
      names.add(member.name() + "/" + member.version());
      v.append('+').append(member.name());
    }
    this.version = v.toString();
    this.health = new MemberHealth(names);
    this.frozen = new ArrayList<>(members.size());
    for (ScalarModel<F> member : this.members) {
      frozen.add(member instanceof LearningModel<F> learning ? firstSnapshot(learning) : member);
    }
  }

  /** A member that cannot even be frozen at start is served as "no answer" until it can. */
  private ScalarModel<F> firstSnapshot(LearningModel<F> member) {
    try {
      return member.snapshot();
    } catch (RuntimeException broken) {
      return new Unavailable<>(member.name(), member.version());
    }
  }

  /** Answers NaN, which the median skips. */
  private record Unavailable<F>(String name, String version) implements ScalarModel<F> {
    @Override
    public double predictValue(F features) {
      return Double.NaN;
    }
  }

  @Override
  public String name() {
    return name;
  }

  /** {@code median+} the members' names: a different line-up is a different version. */
  @Override
  public String version() {
    return version;
  }

  public MemberHealth health() {
    return health;
  }

  public int size() {
    return members.size();
  }

  /** The live answer of member {@code i}: NaN when it throws (for the guard's per-member scoring). */
  public double memberAnswer(int i, F features) {
    try {
      return members.get(i).predictValue(features);
    } catch (RuntimeException broken) {
      return Double.NaN;
    }
  }

  /** The median of the live members' usable answers (the guard scores the primary in shadow with it). */
  @Override
  public double predictValue(F features) {
    double[] answers = new double[members.size()];
    for (int i = 0; i < answers.length; i++) {
      answers[i] = memberAnswer(i, features);
      if (!Median.usable(answers[i])) {
        health.skip(i);
      }
    }
    return Median.ofUsable(answers, answers.length);
  }

  @Override
  public void learn(F features, double truth) {
    for (ScalarModel<F> member : members) {
      if (member instanceof LearningModel<F> learning) {
        try {
          learning.learn(features, truth);
        } catch (RuntimeException broken) {
          // a broken member must not stop the others from learning; its answers are skipped too
        }
      }
    }
  }

  @Override
  public EnsembleSnapshot<F> snapshot() {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i) instanceof LearningModel<F> learning) {
        try {
          frozen.set(i, learning.snapshot());
        } catch (RuntimeException broken) {
          // keeps the member's previous snapshot
        }
      }
    }
    return new EnsembleSnapshot<>(name, version, frozen, health);
  }
}
