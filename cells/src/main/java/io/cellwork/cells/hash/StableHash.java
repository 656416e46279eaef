package io.cellwork.cells.hash;

/**
 * A 64-bit hash that is identical on every JVM and across restarts, unlike {@link String#hashCode()}
 * combined with per-run seeds or {@code HashMap} iteration order.
 *
 * <p>FNV-1a over the UTF-16 code units, finished with MurmurHash3's {@code fmix64} so that nearby
 * inputs ("key-1", "key-2") land far apart. Cost: one multiply per byte plus a constant finisher.
 * Not cryptographic: fine for placement, not for adversarial inputs. Thread-safe
 * (pure functions).
 */
public final class StableHash {
  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  /** Separates fields so that ("ab", "c") and ("a", "bc") hash differently. */
  private static final char FIELD_SEPARATOR = '\u001f';

  private StableHash() {}

  public static long of(CharSequence text) {
    return mix(absorb(FNV_OFFSET_BASIS, text));
  }

  public static long of(CharSequence first, CharSequence second) {
    long h = absorb(FNV_OFFSET_BASIS, first);
    h = absorbChar(h, FIELD_SEPARATOR);
    return mix(absorb(h, second));
  }

  private static long absorb(long state, CharSequence text) {
    long h = state;
    for (int i = 0; i < text.length(); i++) {
      h = absorbChar(h, text.charAt(i));
    }
    return h;
  }

  /** MurmurHash3 fmix64: a bijective avalanche of all 64 bits. */
  public static long mix(long z) {
    z ^= z >>> 33;
    z *= 0xff51afd7ed558ccdL;
    z ^= z >>> 33;
    z *= 0xc4ceb9fe1a85ec53L;
    z ^= z >>> 33;
    return z;
  }

  private static long absorbChar(long h, char c) {
    h ^= c & 0xff;
    h *= FNV_PRIME;
    h ^= c >>> 8;
    h *= FNV_PRIME;
    return h;
  }
}
