package dev.accesslink.mqtt;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for the TLS tests: a CA, and server and client certificates it signs (EC P-256),
 * written as PEM files (certificate, and the key as unencrypted PKCS#8) into a folder.
 */
final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A certificate and its key, as PEM files. */
  record Identity(Path certificate, Path key) {}

  private final Path dir;
  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate ca;
  private final Path caFile;

  private TestPki(Path dir, String name) throws GeneralSecurityException, IOException {
    this.dir = dir;
    this.name = name;
    this.caKeys = keys();
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name), serial(),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))),
        new X500Name("CN=" + name), caKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    this.ca = sign(b);
    this.caFile = write(name + "-ca.pem", pem("CERTIFICATE", ca.getEncoded()));
  }

  /** A new CA named {@code name}, its files in {@code dir}. */
  static TestPki create(Path dir, String name) {
    try {
      return new TestPki(dir, name);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Path caFile() {
    return caFile;
  }

  /** A server certificate for {@code dnsName}, valid from an hour ago for a day. */
  Identity server(String dnsName) {
    return issue("server-" + dnsName, dnsName, KeyPurposeId.id_kp_serverAuth, Duration.ofHours(-1), Duration.ofDays(1));
  }

  /** A client certificate with common name {@code commonName}, valid from an hour ago for a day. */
  Identity client(String commonName) {
    return issue("client-" + commonName, commonName, KeyPurposeId.id_kp_clientAuth, Duration.ofHours(-1),
        Duration.ofDays(1));
  }

  /** A client certificate that expired yesterday. */
  Identity expiredClient(String commonName) {
    return issue("expired-client-" + commonName, commonName, KeyPurposeId.id_kp_clientAuth, Duration.ofDays(-3),
        Duration.ofDays(-1));
  }

  /** A server certificate for {@code dnsName} that expired yesterday. */
  Identity expiredServer(String dnsName) {
    return issue("expired-server-" + dnsName, dnsName, KeyPurposeId.id_kp_serverAuth, Duration.ofDays(-3),
        Duration.ofDays(-1));
  }

  private Identity issue(String file, String cn, KeyPurposeId purpose, Duration from, Duration until) {
    try {
      KeyPair keys = keys();
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name), serial(),
          Date.from(now.plus(from)), Date.from(now.plus(until)), new X500Name("CN=" + cn), keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (purpose.equals(KeyPurposeId.id_kp_serverAuth)) {
        b.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.dNSName, cn)));
      }
      X509Certificate cert = sign(b);
      return new Identity(write(name + "-" + file + ".pem", pem("CERTIFICATE", cert.getEncoded())),
          write(name + "-" + file + ".key", pem("PRIVATE KEY", keys.getPrivate().getEncoded())));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private X509Certificate sign(JcaX509v3CertificateBuilder b) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.incrementAndGet());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private Path write(String file, String content) throws IOException {
    return Files.writeString(dir.resolve(file), content, StandardCharsets.US_ASCII);
  }
}
