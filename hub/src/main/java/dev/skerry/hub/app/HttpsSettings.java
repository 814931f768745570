package dev.skerry.hub.app;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the API listens with and without TLS (docs/security.md, "HTTPS").
 *
 * @param host bind address of the HTTPS listener (API, console, enrollment); default {@code
 *     0.0.0.0}
 * @param insecureHttpBind bind address of the plain HTTP listener when it must be reachable from
 *     other machines; default none: plain HTTP listens on the loopback {@code http-host} only.
 *     Logged as a warning at start
 * @param keystore PKCS#12 keystore with the HTTPS key and certificate chain, instead of the
 *     certificate from the hub CA; default none
 * @param keystorePasswordFile file whose first line is the keystore's (and its key's) password
 */
public record HttpsSettings(
    String host,
    Optional<String> insecureHttpBind,
    Optional<Path> keystore,
    Optional<Path> keystorePasswordFile) {
  public static final String DEFAULT_HOST = "0.0.0.0";

  public HttpsSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(insecureHttpBind, "insecureHttpBind");
    Objects.requireNonNull(keystore, "keystore");
    Objects.requireNonNull(keystorePasswordFile, "keystorePasswordFile");
  }

  /** HTTPS on every interface with the hub CA's certificate; plain HTTP on loopback only. */
  public static HttpsSettings defaults() {
    return new HttpsSettings(DEFAULT_HOST, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Everything on loopback: what tests and embedders get from the short constructors. */
  public static HttpsSettings loopback() {
    return new HttpsSettings("127.0.0.1", Optional.empty(), Optional.empty(), Optional.empty());
  }
}
