package dev.skerry.agent.registry;

import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import io.vertx.core.net.TrustOptions;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Trust for a registry with its own CA: the JVM's default CAs plus the certificates of a PEM file
 * (as Docker's {@code certs.d/<host>/ca.crt} adds to the system's). The PEM and the trust store are
 * core's ({@link Pem}, {@link TlsContexts}), the same loader the MQTT and enrollment trust use.
 */
final class RegistryTrust {
  private RegistryTrust() {}

  /** The default trust anchors plus every certificate in {@code pem}. */
  static TrustOptions withCa(Path pem) {
    try {
      return TrustOptions.wrap(TlsContexts.withDefaults(Pem.certificates(Pem.read(pem))));
    } catch (Pem.PemException | GeneralSecurityException e) {
      throw RegistryException.permanentFailure(
          RegistryErrors.TLS_FAILED,
          "cannot load the registry CA file " + pem + ": " + e.getMessage(),
          e);
    }
  }
}
