package io.cellwork.cells.cell;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code cellwork.cells.cell.lanes}: which tasks count as large and how much of a cell they may
 * occupy.
 *
 * @param largeAbove a task predicted to run longer than this goes to the large lane
 * @param largeShare the share of {@code max-in-flight} the large lane may hold at once
 */
public record LaneSettings(Duration largeAbove, double largeShare) {
  public LaneSettings {
    if (largeAbove.isNegative()) {
      throw new IllegalArgumentException("lanes.large-above must not be negative");
    }
    if (!(largeShare > 0 && largeShare < 1)) {
      throw new IllegalArgumentException("lanes.large-share must be between 0 and 1 (exclusive)");
    }
  }

  public static LaneSettings fromConfig(Config lanes) {
    return new LaneSettings(lanes.getDuration("large-above"), lanes.getDouble("large-share"));
  }

  public double largeAboveMillis() {
    return largeAbove.toNanos() / 1_000_000.0;
  }

  /**
   * Slots the large lane may use out of {@code maxInFlight}: at least one (large work must run),
   * and at most all but one, so the small lane always has a slot of its own. A cell with a single
   * slot cannot reserve anything: both lanes share it.
   */
  public int largeSlots(int maxInFlight) {
    if (maxInFlight <= 1) {
      return maxInFlight;
    }
    return Math.max(1, Math.min(maxInFlight - 1, (int) Math.floor(maxInFlight * largeShare)));
  }
}
