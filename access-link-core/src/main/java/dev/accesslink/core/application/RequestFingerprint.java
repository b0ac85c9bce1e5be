package dev.accesslink.core.application;

import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.LinkRules;
import dev.accesslink.core.domain.ScheduleSlot;
import java.time.DayOfWeek;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.Recipient;
import dev.accesslink.core.domain.ValidityWindow;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The fingerprint of a send request that an idempotency key is stored with: SHA-256 over every
 * field that decides the link (administrator, recipient name, channel, normalized address, group,
 * window, external reference, rules, issuer name, language), each written with its length so that no two requests share an
 * encoding. The store keeps this hash, not the request. Stateless.
 */
final class RequestFingerprint {
  private RequestFingerprint() {}

  static String of(AdminId issuedBy, Recipient recipient, GroupId group, ValidityWindow window,
      LinkRules rules, @Nullable String externalRef, @Nullable String issuerName, Language language) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(1); // version of this encoding
      text(out, issuedBy.value());
      text(out, recipient.name());
      text(out, recipient.channel().name());
      text(out, recipient.address());
      text(out, group.value());
      instant(out, window.validFrom());
      instant(out, window.validUntil());
      text(out, externalRef);
      rules(out, rules);
      text(out, issuerName);
      text(out, language.tag());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static void rules(DataOutputStream out, LinkRules rules) throws IOException {
    out.writeInt(rules.maxUses() == null ? -1 : rules.maxUses());
    out.writeInt(rules.activeMinutesAfterFirstUse() == null ? -1 : rules.activeMinutesAfterFirstUse());
    if (rules.schedule() == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(rules.schedule().slots().size());
    for (ScheduleSlot slot : rules.schedule().slots()) {
      // days in week order: a slot's set has no stable iteration order of its own
      for (DayOfWeek day : DayOfWeek.values()) {
        out.writeBoolean(slot.days().contains(day));
      }
      out.writeInt(slot.from().toSecondOfDay());
      out.writeInt(slot.until().toSecondOfDay());
    }
  }

  private static void text(DataOutputStream out, @Nullable String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static void instant(DataOutputStream out, @Nullable Instant at) throws IOException {
    out.writeBoolean(at != null);
    if (at != null) {
      out.writeLong(at.getEpochSecond());
      out.writeInt(at.getNano());
    }
  }
}
