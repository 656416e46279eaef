package io.cellwork.loaddriver.engine;

import java.util.List;

/** The offered rate (or, closed loop, the concurrency) over a run's elapsed seconds. */
public sealed interface RateProfile {

  /** Requests per second wanted at {@code seconds} after the start. */
  double rateAt(double seconds);

  /** How long the profile lasts by itself; 0 for a profile without a natural end. */
  double naturalSeconds();

  /** The same rate throughout. */
  record Constant(double rate) implements RateProfile {
    @Override
    public double rateAt(double seconds) {
      return rate;
    }

    @Override
    public double naturalSeconds() {
      return 0;
    }
  }

  /** A staircase: each step holds its rate for its seconds; the last step holds on afterwards. */
  record Steps(List<Step> steps) implements RateProfile {
    public Steps {
      if (steps.isEmpty()) {
        throw new IllegalArgumentException("a step profile needs at least one step");
      }
      steps = List.copyOf(steps);
    }

    @Override
    public double rateAt(double seconds) {
      double end = 0;
      for (Step step : steps) {
        end += step.seconds();
        if (seconds < end) {
          return step.rate();
        }
      }
      return steps.get(steps.size() - 1).rate();
    }

    @Override
    public double naturalSeconds() {
      return steps.stream().mapToDouble(Step::seconds).sum();
    }
  }

  /** One step of a staircase. */
  record Step(double rate, double seconds) {}

  /** A straight line from {@code from} to {@code to} over {@code seconds}, then {@code to}. */
  record Ramp(double from, double to, double seconds) implements RateProfile {
    @Override
    public double rateAt(double t) {
      return t >= seconds ? to : from + (to - from) * t / seconds;
    }

    @Override
    public double naturalSeconds() {
      return seconds;
    }
  }
}
