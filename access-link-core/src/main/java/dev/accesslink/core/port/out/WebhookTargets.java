package dev.accesslink.core.port.out;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which hosts a webhook may be posted to. Endpoint URLs are typed by administrators, and a
 * post to a private address would let one of them reach the application's own network (a cloud's
 * metadata service, an internal API): the core refuses such an endpoint when it is registered with
 * a literal address, and a {@link WebhookSender} refuses a host that resolves to one before each
 * call. Both ask this class, so they agree.
 *
 * <p>Not public: the unspecified, loopback, private ({@code 10/8}, {@code 172.16/12}, {@code
 * 192.168/16}), shared ({@code 100.64/10}), link-local ({@code 169.254/16}, {@code fe80::/10}),
 * unique local ({@code fc00::/7}), site-local ({@code fec0::/10}), multicast, documentation,
 * benchmarking and reserved ranges, Teredo ({@code 2001::/32}), and the IPv4 addresses embedded
 * in IPv4-mapped, IPv4-compatible, NAT64 ({@code 64:ff9b::/96}) and 6to4 ({@code 2002::/16})
 * addresses are judged as IPv4.
 */
public final class WebhookTargets {
  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");

  private WebhookTargets() {}

  /**
   * The address a URL's host names literally: a dotted quad or a bracketed IPv6 address (as
   * {@link java.net.URI#getHost()} gives it); empty for a host name. Never resolves a name.
   *
   * @throws IllegalArgumentException for a host of digits and dots that is not a dotted quad (such
   *     as {@code 127.1} or {@code 2130706433}, which some resolvers read as addresses), and for
   *     brackets around something that is not an IPv6 address
   */
  public static Optional<InetAddress> literalAddress(String host) {
    boolean v6 = host.startsWith("[") && host.endsWith("]");
    if (!v6 && !DIGITS_AND_DOTS.matcher(host).matches()) {
      return Optional.empty();
    }
    if (!v6 && !DOTTED_QUAD.matcher(host).matches()) {
      throw new IllegalArgumentException("not a dotted-quad address");
    }
    try {
      if (v6) {
        // brackets tell getByName to expect an IPv6 literal: it parses it, or fails, and asks no resolver
        return Optional.of(InetAddress.getByName(host));
      }
      String[] parts = host.split("\\.");
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(parts[i]);
        if (octet > 255) {
          throw new IllegalArgumentException("not an IP address");
        }
        bytes[i] = (byte) octet;
      }
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address");
    }
  }

  /** True for {@code localhost} and literal loopback addresses; never resolves a name. */
  public static boolean isLoopbackHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    try {
      return literalAddress(h).map(InetAddress::isLoopbackAddress).orElse(false);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** True when {@code address} is reachable on the public internet; see the class description. */
  public static boolean isPublic(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return isPublicV4(b, 0);
    }
    if (!(address instanceof Inet6Address) || b.length != 16) {
      return false;
    }
    int first = u(b[0]);
    boolean zeroTo9 = true;
    for (int i = 0; i < 10; i++) {
      zeroTo9 &= b[i] == 0;
    }
    if (zeroTo9 && ((u(b[10]) == 0xff && u(b[11]) == 0xff) || (b[10] == 0 && b[11] == 0))) {
      // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), and :: and ::1 among them
      return isPublicV4(b, 12);
    }
    if (first == 0x00 && u(b[1]) == 0x64 && u(b[2]) == 0xff && u(b[3]) == 0x9b) {
      // NAT64: 64:ff9b::/96 embeds the IPv4 address; 64:ff9b:1::/48 is for local use
      boolean wellKnown = true;
      for (int i = 4; i < 12; i++) {
        wellKnown &= b[i] == 0;
      }
      return wellKnown && isPublicV4(b, 12);
    }
    if (first == 0x20 && u(b[1]) == 0x02) {
      return isPublicV4(b, 2); // 6to4: 2002:a.b.c.d::/48
    }
    if (first == 0x20 && u(b[1]) == 0x01 && ((b[2] == 0 && b[3] == 0) || (u(b[2]) == 0x0d && u(b[3]) == 0xb8))) {
      return false; // Teredo 2001::/32, documentation 2001:db8::/32
    }
    if (first == 0x01 && b[1] == 0) {
      return false; // discard-only 100::/64 (and the rest of 100::/16, unassigned)
    }
    // unique local fc00::/7, link-local fe80::/10, site-local fec0::/10, multicast ff00::/8
    return (first & 0xfe) != 0xfc && first != 0xfe && first != 0xff;
  }

  private static boolean isPublicV4(byte[] b, int at) {
    int a = u(b[at]);
    int c = u(b[at + 1]);
    int d = u(b[at + 2]);
    return !(a == 0 // this network
        || a == 10 // private
        || (a == 100 && (c & 0xc0) == 64) // shared address space (carrier-grade NAT)
        || a == 127 // loopback
        || (a == 169 && c == 254) // link-local (cloud metadata services)
        || (a == 172 && (c & 0xf0) == 16) // private
        || (a == 192 && c == 0 && (d == 0 || d == 2)) // IETF protocol assignments, documentation
        || (a == 192 && c == 168) // private
        || (a == 198 && (c & 0xfe) == 18) // benchmarking
        || (a == 198 && c == 51 && d == 100) // documentation
        || (a == 203 && c == 0 && d == 113) // documentation
        || a >= 224); // multicast, reserved, broadcast
  }

  private static int u(byte b) {
    return b & 0xff;
  }
}
