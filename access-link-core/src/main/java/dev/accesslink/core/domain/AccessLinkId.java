package dev.accesslink.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The id of an access link: a UUID version 7, so ids sort by creation time (good for B-tree
 * indexes and keyset pagination) while staying unguessable enough not to leak a count.
 *
 * <p>The id is not a secret: knowing it lets nobody unlock anything.
 *
 * @param value the UUID
 */
public record AccessLinkId(UUID value) implements Comparable<AccessLinkId> {
  public AccessLinkId {
    Objects.requireNonNull(value, "value");
  }

  /**
   * A new time-ordered id (RFC 9562 UUIDv7) for a link created at {@code createdAt}.
   *
   * @param createdAt the creation instant; its milliseconds become the id's leading 48 bits
   * @param random source of the 74 random bits
   */
  public static AccessLinkId generate(Instant createdAt, RandomGenerator random) {
    long millis = createdAt.toEpochMilli();
    long msb = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new AccessLinkId(new UUID(msb, lsb));
  }

  /**
   * Parses the canonical text form.
   *
   * @throws InvalidInputException with code {@code id.invalid} if {@code text} is not a UUID
   */
  public static AccessLinkId parse(String text) {
    try {
      if (text.length() != 36) {
        throw new IllegalArgumentException();
      }
      return new AccessLinkId(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("id.invalid", "linkId", "An access link id is a UUID.");
    }
  }

  /** The creation instant encoded in a UUIDv7 id, to the millisecond. */
  public Instant timestamp() {
    return Instant.ofEpochMilli(value.getMostSignificantBits() >>> 16);
  }

  @Override
  public int compareTo(AccessLinkId other) {
    // UUID.compareTo compares signed longs; ids compare as unsigned so that time order holds.
    int c = Long.compareUnsigned(value.getMostSignificantBits(), other.value.getMostSignificantBits());
    return c != 0
        ? c
        : Long.compareUnsigned(value.getLeastSignificantBits(), other.value.getLeastSignificantBits());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
