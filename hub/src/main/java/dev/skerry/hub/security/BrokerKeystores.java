package dev.skerry.hub.security;

import dev.skerry.hub.mqtt.BrokerTls;
import dev.skerry.hub.mqtt.EmbeddedBroker;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;

/**
 * The embedded broker's TLS files, made from the hub PKI on every start (HiveMQ reads keystores,
 * not PEM): the server key and chain, and a truststore holding the hub CA only. A fresh random
 * password each time; the files are 0600 in a 0700 directory.
 */
public final class BrokerKeystores {
  private BrokerKeystores() {}

  /** The TLS listener on {@code port} and client certificates required (or optional). */
  public record TlsFiles(BrokerTls tls, EmbeddedBroker.ClientCertificates clients) {}

  /**
   * Writes the files into {@code dir}.
   *
   * @param serverKeystore a keystore the operator gave for the listener ({@code
   *     --embedded-mqtt-keystore}), used instead of the PKI's server certificate; null for none
   */
  public static TlsFiles write(
      Path dir, HubPki pki, int port, BrokerTls serverKeystore, boolean required) {
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      BrokerTls tls = serverKeystore;
      if (tls == null) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(
            "server",
            pki.server().key(),
            password.toCharArray(),
            pki.server().chain().toArray(new Certificate[0]));
        Path file = dir.resolve("server.p12").toAbsolutePath();
        store(ks, file, password);
        tls = new BrokerTls(port, file, password);
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("skerry-hub-ca", pki.caCertificate());
      Path trustFile = dir.resolve("ca-trust.p12").toAbsolutePath();
      store(trust, trustFile, password);
      return new TlsFiles(
          tls, new EmbeddedBroker.ClientCertificates(trustFile, password, required));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the broker's TLS files in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the broker's keystores: " + e.getMessage(), e);
    }
  }

  private static void store(KeyStore ks, Path file, String password)
      throws IOException, GeneralSecurityException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, password.toCharArray());
    }
  }
}
