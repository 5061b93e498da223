package io.snakepit.router;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Rendezvous (highest random weight) hashing: every member scores every key, and the key belongs to
 * the member with the highest score; the rest, by falling score, are its fallbacks. A member that
 * joins takes only the keys it now scores highest on, and one that leaves gives up only its own,
 * each to its next member — no virtual nodes needed, and lookups cost one hash per member, which is
 * nothing for clusters of tens of nodes.
 */
public final class Rendezvous {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Rendezvous() {}

  /** The members in preference order for {@code key}: its owner first. */
  public static List<String> order(String key, Collection<String> members) {
    return members.stream()
        .distinct()
        .sorted(
            Comparator.comparingLong((String member) -> score(member, key))
                .reversed()
                .thenComparing(Comparator.naturalOrder()))
        .toList();
  }

  /**
   * A well-mixed 64-bit score of the pair: FNV-1a over both (with a separator no id contains), then
   * a finalizer, since FNV alone leaves related inputs with related high bits.
   */
  static long score(String member, String key) {
    long hash = FNV_OFFSET;
    hash = fnv(hash, member.getBytes(StandardCharsets.UTF_8));
    hash = fnv(hash, new byte[] {0});
    hash = fnv(hash, key.getBytes(StandardCharsets.UTF_8));
    return mix(hash);
  }

  private static long fnv(long hash, byte[] bytes) {
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return hash;
  }

  /** The SplitMix64 finalizer: every input bit affects every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
