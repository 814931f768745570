package dev.skerry.agent.sync;

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
 * Trust for {@code mqtts://}: the broker's certificate must chain to the CA certificates of {@code
 * --mqtt-ca} (PEM), or to the JVM's default trust store without it. Paho checks the host name
 * against the certificate as well.
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
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("mqtt-ca: no certificate in " + caFile);
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
      return new MqttTls(tls.getSocketFactory());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "mqtt-ca: cannot use " + caFile + ": " + e.getMessage(), e);
    }
  }

  /** Sets the trust on {@code options}; keeps Paho's host name check on. */
  public void apply(MqttConnectionOptions options) {
    if (factory != null) {
      options.setSocketFactory(factory);
    }
    options.setHttpsHostnameVerificationEnabled(true);
  }
}
