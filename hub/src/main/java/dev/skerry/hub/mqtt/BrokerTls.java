package dev.skerry.hub.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The embedded broker's TLS listener: its port and the keystore (PKCS#12 or JKS) holding the
 * server's private key and certificate chain.
 *
 * @param password the keystore's password, also used for the key inside it
 */
public record BrokerTls(int port, Path keystore, String password) {
  public BrokerTls {
    Objects.requireNonNull(keystore, "keystore");
    Objects.requireNonNull(password, "password");
  }

  /** Reads the password from the first line of {@code passwordFile}. */
  public static BrokerTls of(int port, Path keystore, Path passwordFile) {
    try {
      String first = Files.readAllLines(passwordFile).stream().findFirst().orElse("");
      return new BrokerTls(port, keystore.toAbsolutePath(), first.strip());
    } catch (IOException e) {
      throw new BrokerStartException(
          "cannot read the keystore password file " + passwordFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "BrokerTls[port=" + port + ", keystore=" + keystore + ", password=***]";
  }
}
