package dev.skerry.core.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads an operator's PKCS#12 keystore into an {@link TlsContexts.Identity}. */
public final class Keystores {
  private Keystores() {}

  /**
   * The one private key of {@code keystore} with its chain, the password (for the store and the
   * key) being the first line of {@code passwordFile}.
   *
   * @throws IllegalArgumentException naming the file when it cannot be read, the password is wrong,
   *     or the store holds no key entry or more than one
   */
  public static TlsContexts.Identity identity(Path keystore, Path passwordFile) {
    char[] password;
    try {
      password =
          Files.readAllLines(passwordFile).stream().findFirst().orElse("").strip().toCharArray();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the password file " + passwordFile + ": " + e.getMessage(), e);
    }
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      List<String> keys = new ArrayList<>();
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias)) {
          keys.add(alias);
        }
      }
      if (keys.size() != 1) {
        throw new IllegalArgumentException(
            "keystore " + keystore + " must hold exactly one private key, it holds " + keys.size());
      }
      Key key = ks.getKey(keys.get(0), password);
      if (!(key instanceof PrivateKey)) {
        throw new IllegalArgumentException(
            "keystore " + keystore + ": entry '" + keys.get(0) + "' is not a private key");
      }
      List<X509Certificate> chain = new ArrayList<>();
      Certificate[] certificates = ks.getCertificateChain(keys.get(0));
      for (Certificate c : certificates == null ? new Certificate[0] : certificates) {
        chain.add((X509Certificate) c);
      }
      if (chain.isEmpty()) {
        throw new IllegalArgumentException(
            "keystore " + keystore + ": key '" + keys.get(0) + "' has no certificate");
      }
      return new TlsContexts.Identity((PrivateKey) key, chain);
    } catch (IOException | GeneralSecurityException e) {
      // A wrong password shows as an IOException whose cause is an UnrecoverableKeyException.
      throw new IllegalArgumentException(
          "cannot read keystore "
              + keystore
              + " (wrong password or not PKCS#12?): "
              + e.getMessage(),
          e);
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }
}
