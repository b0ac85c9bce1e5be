package dev.accesslink.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Link secret")
class SecretTest {
  final SecureRandom random = new SecureRandom();

  @Test
  @DisplayName("is 256 bits, written as 43 base64url characters, and parses back to itself")
  void format() {
    LinkSecret s = LinkSecret.generate(random);
    assertThat(s.reveal()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
    assertThat(LinkSecret.parse(s.reveal())).contains(s);
    assertThat(LinkSecret.parse(s.reveal()).orElseThrow().hash()).isEqualTo(s.hash());
  }

  @Test
  @DisplayName("never shows itself in toString, nor does its URL or hash")
  void redacted() {
    LinkSecret s = LinkSecret.generate(random);
    AccessLinkUrl url = AccessLinkUrl.of(URI.create("https://a.example/l"), s);
    assertThat(url.reveal()).isEqualTo("https://a.example/l/" + s.reveal());
    assertThat(s.toString()).doesNotContain(s.reveal());
    assertThat(url.toString()).doesNotContain(s.reveal()).startsWith("https://a.example/l/");
    assertThat(s.hash().toString()).doesNotContain(s.hash().toHex());
  }

  @Test
  @DisplayName("fresh secrets do not repeat")
  void unique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(LinkSecret.generate(random).reveal())).isTrue();
    }
  }

  @Property
  @Label("anything that is not a canonical 43-character base64url secret is rejected")
  void rejectsJunk(@ForAll String junk) {
    if (junk.length() != 43 || !junk.matches("[A-Za-z0-9_-]*")) {
      assertThat(LinkSecret.parse(junk)).isEmpty();
    }
  }

  @Test
  @DisplayName("a non-canonical last character is rejected, so one secret has exactly one text")
  void canonical() {
    String s = LinkSecret.generate(random).reveal();
    String base = s.substring(0, 42);
    long accepted = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".chars()
        .filter(c -> LinkSecret.parse(base + (char) c).isPresent()).count();
    assertThat(accepted).isEqualTo(16); // 43 chars carry 258 bits: the last 2 bits must be zero
  }

  @Test
  @DisplayName("the hash round-trips through hex")
  void hashHex() {
    SecretHash h = LinkSecret.generate(random).hash();
    assertThat(SecretHash.fromHex(h.toHex())).isEqualTo(h);
    assertThat(h.toHex()).hasSize(64);
  }

  @Test
  @DisplayName("a link URL gives its secret, which still does not show in toString")
  void urlGivesItsSecret() {
    LinkSecret s = LinkSecret.generate(random);
    AccessLinkUrl url = AccessLinkUrl.of(URI.create("https://a.example/l/"), s);
    assertThat(url.secret()).isEqualTo(s);
    assertThat(url.secret().toString()).doesNotContain(s.reveal());
  }

  @Test
  @DisplayName("a presented secret may be the bare secret or the whole link, however it was pasted")
  void presentedAsSecretOrUrl() {
    LinkSecret s = LinkSecret.generate(random);
    String secret = s.reveal();
    String url = AccessLinkUrl.of(URI.create("https://doors.acme.example/l"), s).reveal();
    for (String presented : new String[] {
        secret, " " + secret + "\n", url, url + "/", url + "//", url + "?utm=mail", url + "/?a=b#frag",
        url + "#x", "http://localhost:8080/" + secret, "/l/" + secret, "l/" + secret}) {
      assertThat(LinkSecret.parsePresented(presented)).as(presented).contains(s);
    }
  }

  @Test
  @DisplayName("a presented text without a secret as its last path segment is empty, never an exception")
  void presentedGarbage() {
    String secret = LinkSecret.generate(random).reveal();
    for (String presented : new String[] {
        "", "/", "///", "?", "#", "https://doors.acme.example/l/", "https://doors.acme.example/l/?s=" + secret,
        "https://doors.acme.example/l/#" + secret, secret + "/extra", "https://x/" + secret + "x",
        "%" + secret.substring(1), "x".repeat(100_000)}) {
      assertThat(LinkSecret.parsePresented(presented)).as(presented.length() > 200 ? "long" : presented).isEmpty();
    }
  }

  @Property
  @Label("parsing presented text never throws, and finds a secret only in a canonical last segment")
  void presentedNeverThrows(@ForAll String junk) {
    assertThat(LinkSecret.parsePresented(junk)).satisfiesAnyOf(
        r -> assertThat(r).isEmpty(),
        r -> assertThat(junk).contains(r.orElseThrow().reveal()));
  }
}
