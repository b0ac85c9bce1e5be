package dev.accesslink.email;

import dev.accesslink.core.port.out.AddressCheck;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Validates and normalizes one e-mail address as a person typed it. Not API; the codes are listed
 * in {@code docs/email.md}.
 *
 * <p>Accepted: a single RFC 5322 {@code addr-spec} whose local part is an ASCII dot-atom and whose
 * domain is a dotted host name (internationalized domains are converted to ASCII). Refused: display
 * names, lists, quoted or non-ASCII local parts, domain literals, comments, and anything longer
 * than the SMTP limits. Normalization trims, converts the domain to lower-case ASCII and keeps the
 * local part's case (only the receiving server may interpret it). The result is a fixed point:
 * normalizing a normalized address returns it unchanged.
 */
final class EmailAddresses {
  /** RFC 5321 4.5.3.1.3: a path is at most 256 octets including the angle brackets. */
  static final int MAX_ADDRESS_LENGTH = 254;
  /** RFC 5321 4.5.3.1.1. */
  static final int MAX_LOCAL_PART_LENGTH = 64;
  /** RFC 1035 2.3.4 (253 characters without the root's trailing dot). */
  static final int MAX_DOMAIN_LENGTH = 253;
  /** RFC 1035 2.3.4. */
  static final int MAX_LABEL_LENGTH = 63;

  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

  private EmailAddresses() {}

  static AddressCheck normalize(@Nullable String raw) {
    String untrimmed = raw == null ? "" : raw;
    if (untrimmed.isBlank()) {
      return invalid("email.blank", "Enter an e-mail address.");
    }
    // Before trimming: a trailing CR/LF is a sign of header injection, not a typing slip.
    if (Texts.hasControlOrInvisible(untrimmed)) {
      return invalid(
          "email.control_characters",
          "An e-mail address cannot contain line breaks, tabs, control or invisible characters.");
    }
    String s = untrimmed.strip();
    if (s.length() > MAX_ADDRESS_LENGTH) {
      return invalid(
          "email.too_long", "An e-mail address has at most " + MAX_ADDRESS_LENGTH + " characters.");
    }
    if (s.indexOf('<') >= 0 || s.indexOf('>') >= 0) {
      return invalid(
          "email.display_name",
          "Enter the address only, such as jane@example.com, without a name or angle brackets.");
    }
    if (countAddressLikeParts(s) > 1) {
      return invalid("email.multiple", "Enter one e-mail address only.");
    }
    if (s.codePoints().anyMatch(Character::isWhitespace)
        || s.codePoints().anyMatch(Character::isSpaceChar)) {
      return invalid("email.syntax", "An e-mail address cannot contain spaces.");
    }
    int at = s.lastIndexOf('@');
    if (at < 0) {
      return invalid("email.syntax", "An e-mail address needs an @, as in jane@example.com.");
    }
    String local = s.substring(0, at);
    String domain = s.substring(at + 1);
    if (local.indexOf('"') >= 0) {
      return invalid(
          "email.local_part.quoted",
          "Addresses with quotation marks are not supported; enter the address without them.");
    }
    if (local.indexOf('@') >= 0) {
      return invalid("email.syntax", "An e-mail address has exactly one @.");
    }
    if (local.isEmpty()) {
      return invalid("email.syntax", "Something is missing before the @.");
    }
    if (!isAscii(local)) {
      return invalid(
          "email.local_part.non_ascii",
          "The part before the @ can only use Latin letters, digits and ! # $ % & ' * + - / = ? ^ _"
              + " ` { | } ~ .");
    }
    if (local.length() > MAX_LOCAL_PART_LENGTH) {
      return invalid(
          "email.local_part.too_long",
          "The part before the @ has at most " + MAX_LOCAL_PART_LENGTH + " characters.");
    }
    if (!isDotAtom(local)) {
      return invalid(
          "email.syntax",
          "The part before the @ can only use letters, digits and ! # $ % & ' * + - / = ? ^ _ ` {"
              + " | } ~, with single dots between them (not at the start or end).");
    }
    DomainCheck d = normalizeDomain(domain);
    if (d.error != null) {
      return d.error;
    }
    String normalized = local + "@" + d.ascii;
    if (normalized.length() > MAX_ADDRESS_LENGTH) {
      return invalid(
          "email.too_long", "An e-mail address has at most " + MAX_ADDRESS_LENGTH + " characters.");
    }
    try {
      // Belt and braces: what we accept must also be a strict RFC 822 address for jakarta.mail.
      new InternetAddress(normalized, true).validate();
    } catch (AddressException e) {
      return invalid("email.syntax", "This is not a valid e-mail address.");
    }
    return AddressCheck.valid(normalized);
  }

  private record DomainCheck(String ascii, AddressCheck.@Nullable Invalid error) {}

  private static DomainCheck normalizeDomain(String domain) {
    if (domain.isEmpty()) {
      return fail("email.syntax", "Something is missing after the @, such as example.com.");
    }
    if (domain.startsWith("[")) {
      return fail(
          "email.domain.literal", "Enter a domain name after the @, not an IP address in brackets.");
    }
    String ascii = domain;
    if (!isAscii(domain)) {
      // java.net.IDN implements IDNA 2003, which maps these IDNA 2008 "deviation" characters to
      // other letters (faß.de would become fass.de, a different domain). Refuse them rather than
      // deliver to the wrong place.
      if (domain.indexOf('\u00DF') >= 0 || domain.indexOf('\u03C2') >= 0) {
        return fail(
            "email.domain.idn",
            "This internationalized domain name cannot be used; enter its xn-- form instead.");
      }
      try {
        ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
      } catch (IllegalArgumentException e) {
        return fail("email.domain.idn", "The domain after the @ is not a valid domain name.");
      }
    }
    ascii = ascii.toLowerCase(Locale.ROOT);
    if (ascii.length() > MAX_DOMAIN_LENGTH) {
      return fail(
          "email.domain.too_long",
          "The domain after the @ has at most " + MAX_DOMAIN_LENGTH + " characters.");
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return fail(
          "email.domain.not_dotted",
          "The domain after the @ needs a dot, as in example.com.");
    }
    for (String label : labels) {
      if (label.isEmpty()) {
        return fail(
            "email.domain.syntax",
            "The domain after the @ cannot start or end with a dot or have two dots in a row.");
      }
      if (label.length() > MAX_LABEL_LENGTH) {
        return fail(
            "email.domain.label_too_long",
            "Each part of the domain between dots has at most " + MAX_LABEL_LENGTH + " characters.");
      }
      if (!isLdhLabel(label)) {
        return fail(
            "email.domain.syntax",
            "The domain after the @ can only use letters, digits and hyphens (not at the start or"
                + " end of a part).");
      }
    }
    if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
      return fail("email.domain.syntax", "Enter a domain name after the @, not an IP address.");
    }
    return new DomainCheck(ascii, null);
  }

  /** How many whitespace/comma/semicolon separated pieces contain an @. */
  private static int countAddressLikeParts(String s) {
    int count = 0;
    for (String part : s.split("[\\s,;]+")) {
      if (part.indexOf('@') >= 0) {
        count++;
      }
    }
    return count;
  }

  private static boolean isDotAtom(String local) {
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '.' || ATEXT_SPECIALS.indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLdhLabel(String label) {
    if (label.startsWith("-") || label.endsWith("-")) {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isAscii(String s) {
    return StandardCharsets.US_ASCII.newEncoder().canEncode(s);
  }

  private static AddressCheck invalid(String code, String message) {
    return AddressCheck.invalid(code, message);
  }

  private static DomainCheck fail(String code, String message) {
    return new DomainCheck("", new AddressCheck.Invalid(code, message));
  }
}
