package dev.accesslink.core.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("WebhookTargets: which addresses a webhook may be posted to")
class WebhookTargetsTest {

  @ParameterizedTest(name = "{0} is public")
  @ValueSource(strings = {
      "1.1.1.1", "8.8.8.8", "93.184.216.34", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0",
      "192.167.255.255", "192.169.0.0", "169.253.1.1", "198.17.255.255", "198.20.0.0", "223.255.255.255",
      "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "2002:5db8:d822::1", "64:ff9b::808:808",
      "::ffff:8.8.8.8"})
  void publicAddresses(String literal) throws UnknownHostException {
    assertThat(WebhookTargets.isPublic(InetAddress.getByName(literal))).isTrue();
  }

  @ParameterizedTest(name = "{0} is not public")
  @ValueSource(strings = {
      // IPv4: this network, private, shared (CGNAT), loopback, link-local (metadata), protocol
      // assignments, documentation, benchmarking, multicast, reserved, broadcast
      "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.255", "127.0.0.1",
      "127.255.255.254", "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.8", "192.0.2.1",
      "192.168.1.10", "198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.9", "224.0.0.1",
      "239.255.255.250", "240.0.0.1", "255.255.255.255",
      // IPv6: unspecified, loopback, IPv4-mapped and -compatible private, NAT64 of private, local-use
      // NAT64, 6to4 of private, Teredo, documentation, discard, unique local, link-local,
      // site-local, multicast
      "::", "::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:127.0.0.1", "::10.0.0.1", "::127.0.0.1",
      "64:ff9b::a00:1", "64:ff9b::7f00:1", "64:ff9b:1::808:808", "2002:a00:1::1", "2002:7f00:1::1",
      "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:db8::1", "100::1", "fc00::1", "fd12:3456:789a::1",
      "fe80::1", "febf::1", "fec0::1", "ff02::1"})
  void nonPublicAddresses(String literal) throws UnknownHostException {
    assertThat(WebhookTargets.isPublic(InetAddress.getByName(literal))).isFalse();
  }

  @Test
  @DisplayName("reads literal addresses only, never resolving a name; odd numeric forms are refused, not guessed")
  void literals() throws UnknownHostException {
    assertThat(WebhookTargets.literalAddress("10.0.0.1")).contains(InetAddress.getByName("10.0.0.1"));
    assertThat(WebhookTargets.literalAddress("[fd00::1]")).contains(InetAddress.getByName("fd00::1"));
    assertThat(WebhookTargets.literalAddress("[::ffff:169.254.169.254]"))
        .contains(InetAddress.getByName("169.254.169.254"));
    assertThat(WebhookTargets.literalAddress("hooks.example.com")).isEmpty();
    assertThat(WebhookTargets.literalAddress("10.0.0.1.nip.io")).isEmpty();
    assertThat(WebhookTargets.literalAddress("0x7f000001")).as("a name: judged when it is resolved").isEmpty();
    for (String odd : new String[] {
        "127.1", "2130706433", "10.0.1", "1.2.3.4.", "300.1.1.1", "[not:an:address", "[fe80::zz]", "[deadbeef]"}) {
      if (odd.startsWith("[") && !odd.endsWith("]")) {
        assertThat(WebhookTargets.literalAddress(odd)).isEmpty();
      } else {
        assertThatThrownBy(() -> WebhookTargets.literalAddress(odd)).as(odd)
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  @DisplayName("knows localhost and literal loopback addresses as loopback, nothing else")
  void loopbackHosts() {
    assertThat(WebhookTargets.isLoopbackHost("localhost")).isTrue();
    assertThat(WebhookTargets.isLoopbackHost("LOCALHOST")).isTrue();
    assertThat(WebhookTargets.isLoopbackHost("127.0.0.1")).isTrue();
    assertThat(WebhookTargets.isLoopbackHost("127.8.9.10")).isTrue();
    assertThat(WebhookTargets.isLoopbackHost("[::1]")).isTrue();
    assertThat(WebhookTargets.isLoopbackHost("127.0.0.1.example.com")).isFalse();
    assertThat(WebhookTargets.isLoopbackHost("10.0.0.1")).isFalse();
    assertThat(WebhookTargets.isLoopbackHost("127.1")).isFalse();
  }
}
