package dev.accesslink.mqtt;

import dev.accesslink.mqtt.internal.ClientIdentities;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts for a broker connection from PEM files, the format Mosquitto, HiveMQ, EMQX and
 * {@code openssl} use: the CA that signed the broker's certificate, and optionally this client's
 * certificate (chain) and its unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----};
 * convert an RSA or EC key with {@code openssl pkcs8 -topk8 -nocrypt}) for mutual TLS.
 *
 * <p>Only the given CA is trusted (not the JVM's default trust store), so a certificate from any
 * other CA is refused; the broker's host name is always checked against its certificate.
 */
public final class MqttTls {
  private MqttTls() {}

  /**
   * A context that trusts only the CA(s) in {@code caFile} and presents no client certificate.
   *
   * @throws IllegalArgumentException if a file cannot be read or holds no usable certificate (the
   *     message names the file, never its content)
   */
  public static SSLContext trusting(Path caFile) {
    return context(caFile, Optional.empty(), Optional.empty());
  }

  /**
   * A context that trusts only the CA(s) in {@code caFile} and presents the certificate chain in
   * {@code certificateFile} with the private key in {@code keyFile} (mutual TLS).
   *
   * @throws IllegalArgumentException if a file cannot be read or parsed (the message names the
   *     file, never its content)
   */
  public static SSLContext withClientCertificate(Path caFile, Path certificateFile, Path keyFile) {
    return context(caFile, Optional.of(certificateFile), Optional.of(keyFile));
  }

  private static SSLContext context(Path caFile, Optional<Path> certificateFile, Optional<Path> keyFile) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate ca : certificates(caFile)) {
        trust.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      Optional<X509Certificate> presented = Optional.empty();
      if (certificateFile.isPresent()) {
        List<Certificate> chain = certificates(certificateFile.get());
        if (chain.get(0) instanceof X509Certificate own) {
          presented = Optional.of(own);
        }
        char[] none = new char[0];
        KeyStore identity = KeyStore.getInstance(KeyStore.getDefaultType());
        identity.load(null, null);
        identity.setKeyEntry("client", privateKey(keyFile.orElseThrow()), none,
            chain.toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(identity, none);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
      ClientIdentities.register(context, presented);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getClass().getSimpleName(), e);
    }
  }

  private static List<Certificate> certificates(Path file) {
    try {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("no certificate in " + file);
      }
      return List.copyOf(certs);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("no PEM certificate in " + file);
    }
  }

  private static PrivateKey privateKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file, e);
    }
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(file + " holds no unencrypted PKCS#8 private key "
          + "(-----BEGIN PRIVATE KEY-----; convert with openssl pkcs8 -topk8 -nocrypt)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " holds a damaged private key");
    }
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(file + " holds a private key of an unsupported algorithm");
  }
}
