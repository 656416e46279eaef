package io.cellwork.cells.cell;

/**
 * The last {@code capacity} finished tasks by id, forgetting the oldest as new ones arrive: the
 * memory behind status queries and idempotency of transient tasks.
 *
 * <p>Records sit in a ring in arrival order; an open-addressing index of (id hash, ring slot)
 * pairs in one {@code long[]} finds them. A lookup of an id never seen, the usual case on every
 * submission, probes about 1.5 index entries on average (load factor at most 1/2) and touches no
 * record unless the 32-bit hashes collide; evicting the oldest is a probe plus a backward-shift
 * delete. Compared with a {@code LinkedHashMap} this keeps the hot path inside two compact arrays
 * instead of chasing entry, record and string objects through memory. O(1) expected per
 * operation; not thread-safe: owned by the cell actor.
 */
final class RecentTasks {
  private final TaskRecord[] ring;
  /** The hash of each ring slot's id, so evicting the oldest never touches its (cold) record. */
  private final int[] ringHashes;
  private final long[] index; // (hash << 32) | (slot + 1); 0 marks an empty entry
  private final int mask;
  private long added;

  RecentTasks(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.ring = new TaskRecord[capacity];
    this.ringHashes = new int[capacity];
    int size = Integer.highestOneBit(Math.max(2, capacity * 2 - 1)) << 1; // >= 2 * capacity
    this.index = new long[size];
    this.mask = size - 1;
  }

  TaskRecord get(String taskId) {
    int hash = hashOf(taskId);
    for (int i = hash & mask; index[i] != 0; i = (i + 1) & mask) {
      if ((int) (index[i] >>> 32) == hash) {
        TaskRecord candidate = ring[slotOf(index[i])];
        if (candidate.id().equals(taskId)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /**
   * Remembers a task not remembered yet (the cell never finishes the same id twice while it is
   * remembered), forgetting the oldest if full.
   */
  void put(TaskRecord record) {
    int slot = (int) (added++ % ring.length);
    if (ring[slot] != null) {
      removeSlot(slot);
    }
    int hash = hashOf(record.id());
    ring[slot] = record;
    ringHashes[slot] = hash;
    int i = hash & mask;
    while (index[i] != 0) {
      i = (i + 1) & mask;
    }
    index[i] = ((long) hash << 32) | (slot + 1L);
  }

  int size() {
    return (int) Math.min(added, ring.length);
  }

  /** Forgets a ring slot: deletes its index entry and shifts the rest of its probe run back. */
  private void removeSlot(int slot) {
    long entry = ((long) ringHashes[slot] << 32) | (slot + 1L);
    int i = ringHashes[slot] & mask;
    while (index[i] != entry) {
      i = (i + 1) & mask;
    }
    ring[slot] = null;
    index[i] = 0;
    for (int j = (i + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
      int home = (int) (index[j] >>> 32) & mask;
      // the entry at j may move into the hole at i unless its home lies cyclically in (i, j]
      boolean homeBetween = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (!homeBetween) {
        index[i] = index[j];
        index[j] = 0;
        i = j;
      }
    }
  }

  private static int slotOf(long entry) {
    return (int) entry - 1;
  }

  private static int hashOf(String id) {
    int h = id.hashCode() * 0x9E3779B9; // spread the low bits the mask keeps
    return h ^ (h >>> 16);
  }
}
