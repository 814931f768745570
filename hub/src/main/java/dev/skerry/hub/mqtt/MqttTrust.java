package dev.skerry.hub.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * Trust for the hub's {@code mqtts://} link to an external broker: the broker's certificate must
 * chain to the CA certificates of {@code --mqtt-ca} (PEM), or to the JVM's default trust store
 * without it. Paho checks the host name against the certificate as well. (The agent has the same
 * class; the two modules share no transport code.)
 */
public final class MqttTrust {
  private final SSLSocketFactory factory;

  private MqttTrust(SSLSocketFactory factory) {
    this.factory = factory;
  }

  /** Trust of the PEM file {@code caFile}; the JVM's default trust if null. */
  public static MqttTrust of(Path caFile) {
    if (caFile == null) {
      return new MqttTrust(null);
    }
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new BrokerStartException("mqtt-ca: no certificate in " + caFile, null);
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
      return new MqttTrust(tls.getSocketFactory());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "mqtt-ca: cannot use " + caFile + ": " + e.getMessage(), e);
    }
  }

  /** The trust (and client identity) of {@code tls}. */
  public static MqttTrust ofContext(SSLContext tls) {
    return new MqttTrust(tls.getSocketFactory());
  }

  /** Sets the trust on {@code options}; keeps Paho's host name check on. */
  public void apply(MqttConnectionOptions options) {
    if (factory != null) {
      options.setSocketFactory(factory);
    }
    options.setHttpsHostnameVerificationEnabled(true);
  }
}
