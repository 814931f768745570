package dev.skerry.hub.app;

import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The TLS identity the hub's own client presents to an external broker: {@code --mqtt-client-cert}
 * / {@code --mqtt-client-key} when the operator gives them (a certificate of the broker's own CA),
 * else the hub PKI's {@code hub-client.crt}; trusting {@code --mqtt-ca} or the JVM's trust store.
 */
final class MqttClientIdentity {
  private MqttClientIdentity() {}

  /** The configuration errors of these options. */
  static List<String> check(HubConfig config) {
    List<String> errors = new ArrayList<>();
    Optional<Path> cert = config.mqttClientCert();
    Optional<Path> key = config.mqttClientKey();
    if (cert.isPresent() != key.isPresent()) {
      errors.add("mqtt-client-cert and mqtt-client-key: give both or neither");
    }
    if ((cert.isPresent() || key.isPresent()) && config.embeddedBroker()) {
      errors.add("mqtt-client-cert: only with an external broker (mqtt-url)");
    }
    cert.filter(f -> !Files.isReadable(f))
        .ifPresent(f -> errors.add("mqtt-client-cert: cannot read " + f));
    key.filter(f -> !Files.isReadable(f))
        .ifPresent(f -> errors.add("mqtt-client-key: cannot read " + f));
    return errors;
  }

  /** The client's TLS context for an {@code mqtts://} external broker. */
  static SSLContext context(HubConfig config, TlsContexts.Identity hubPkiClient) {
    TlsContexts.Identity identity = hubPkiClient;
    if (config.mqttClientCert().isPresent()) {
      identity = load(config.mqttClientCert().get(), config.mqttClientKey().orElseThrow());
    }
    try {
      if (config.mqttCa().isPresent()) {
        List<X509Certificate> cas = Pem.certificates(Pem.read(config.mqttCa().get()));
        return TlsContexts.of(cas, identity);
      }
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(TlsContexts.keyManagers(identity), null, null);
      return tls;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("mqtt-ca: cannot use it: " + e.getMessage(), e);
    }
  }

  private static TlsContexts.Identity load(Path cert, Path key) {
    List<X509Certificate> chain;
    try {
      chain = Pem.certificates(Pem.read(cert));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("mqtt-client-cert: " + cert + ": " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("mqtt-client-cert: " + cert + " holds no certificate");
    }
    try {
      return new TlsContexts.Identity(Pem.privateKey(Pem.read(key)), chain);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("mqtt-client-key: " + key + ": " + e.getMessage(), e);
    }
  }
}
