package dev.skerry.agent.sync;

import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * TLS for {@code mqtts://}: an enrolled device trusts only its hub CA and presents its own
 * certificate (mutual TLS); otherwise the broker's certificate must chain to the CA certificates of
 * {@code --mqtt-ca} (PEM), or to the JVM's default trust store without it. Paho checks the host
 * name against the certificate as well.
 */
public final class MqttTls {
  private final SSLSocketFactory factory;

  private MqttTls(SSLSocketFactory factory) {
    this.factory = factory;
  }

  /** Trust of the PEM file {@code caFile}; the JVM's default trust if null. */
  public static MqttTls of(Path caFile) {
    if (caFile == null) {
      return new MqttTls(null);
    }
    try {
      return new MqttTls(
          TlsContexts.of(Pem.certificates(Pem.read(caFile)), null).getSocketFactory());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "mqtt-ca: cannot use " + caFile + ": " + e.getMessage(), e);
    }
  }

  /** Mutual TLS: trust {@code ca} only and present {@code identity}. */
  public static MqttTls mutual(X509Certificate ca, TlsContexts.Identity identity) {
    return new MqttTls(TlsContexts.of(List.of(ca), identity).getSocketFactory());
  }

  /** Sets the trust on {@code options}; keeps Paho's host name check on. */
  public void apply(MqttConnectionOptions options) {
    if (factory != null) {
      options.setSocketFactory(factory);
    }
    options.setHttpsHostnameVerificationEnabled(true);
  }
}
