package dev.accesslink.core.domain;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The uses a link has taken, as a store keeps them for the {@link LinkRules} that need them: how
 * many uses were taken (a use is taken before the door command and given back if the lock refused
 * or did not answer), and when the first one was taken (the start of the countdown of {@link
 * LinkRules#activeMinutesAfterFirstUse()}). Only links that {@linkplain LinkRules#takesUseFirst()
 * take uses first} count them; for the others both stay empty.
 *
 * @param usesTaken the uses taken and not given back, at least 0
 * @param firstUsedAt when the first of them was taken, or {@code null} before any
 */
public record LinkUsage(int usesTaken, @Nullable Instant firstUsedAt) {
  private static final LinkUsage NONE = new LinkUsage(0, null);

  public LinkUsage {
    if (usesTaken < 0) {
      throw new IllegalArgumentException("usesTaken must not be negative");
    }
  }

  /** No use taken. */
  public static LinkUsage none() {
    return NONE;
  }

  /** When the first use was taken, if any was. */
  public Optional<Instant> firstUse() {
    return Optional.ofNullable(firstUsedAt);
  }
}
