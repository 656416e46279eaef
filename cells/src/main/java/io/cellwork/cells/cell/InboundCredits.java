package io.cellwork.cells.cell;

import java.util.Map;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * Exactly-once bookkeeping for the transfers one source cell sends to this cell.
 *
 * <p>The source numbers its transfers and sends, with every message, its watermark: its lowest
 * unsettled number. Anything below the watermark is settled at the source and will never be
 * asked about again, so this record keeps only the outcomes at or above it. Memory is bounded by
 * the source's open transfers rather than by a time window, and a late duplicate can never be
 * applied twice. Immutable.
 */
record InboundCredits(long watermark, PSortedMap<Long, Boolean> outcomes) {

  /** What this cell knows about one incoming transfer number. */
  enum Knowledge {
    UNSEEN,
    APPLIED,
    REFUSED,
    /** Below the watermark: settled long ago, the source no longer cares about the answer. */
    FORGOTTEN
  }

  static final InboundCredits EMPTY = new InboundCredits(0, TreePMap.empty());

  Knowledge knowledgeOf(long transferSeq) {
    if (transferSeq < watermark) {
      return Knowledge.FORGOTTEN;
    }
    Boolean applied = outcomes.get(transferSeq);
    if (applied == null) {
      return Knowledge.UNSEEN;
    }
    return applied ? Knowledge.APPLIED : Knowledge.REFUSED;
  }

  InboundCredits settle(long transferSeq, boolean applied, long sourceWatermark) {
    return new InboundCredits(watermark, outcomes.plus(transferSeq, applied))
        .advanceTo(sourceWatermark);
  }

  /** Forgets outcomes below a watermark; watermarks only move forward (messages may reorder). */
  InboundCredits advanceTo(long sourceWatermark) {
    if (sourceWatermark <= watermark) {
      return this;
    }
    return new InboundCredits(sourceWatermark, outcomes.tailMap(sourceWatermark, true));
  }

  static InboundCredits restore(long watermark, Map<Long, Boolean> outcomes) {
    return new InboundCredits(watermark, TreePMap.from(outcomes));
  }
}
