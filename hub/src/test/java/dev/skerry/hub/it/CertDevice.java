package dev.skerry.hub.it;

import dev.skerry.core.tls.TlsContexts;
import dev.skerry.hub.security.HubPki;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho MQTT 5 client with a client certificate, recording what it receives. */
final class CertDevice implements AutoCloseable {
  final MqttAsyncClient client;
  final List<String> received = new CopyOnWriteArrayList<>();
  volatile boolean disconnected;

  private CertDevice(MqttAsyncClient client) {
    this.client = client;
  }

  static TlsContexts.Identity issue(HubPki pki, String cn, String ou) {
    KeyPair keys = ecKeys();
    X509Certificate cert =
        pki.issueClient(cn, ou, keys.getPublic(), Instant.now(), Duration.ofDays(1));
    return new TlsContexts.Identity(keys.getPrivate(), List.of(cert, pki.caCertificate()));
  }

  static KeyPair ecKeys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connects to {@code url} as {@code clientId} with {@code identity} (null: none). */
  static CertDevice connect(
      String url, String clientId, X509Certificate ca, TlsContexts.Identity identity)
      throws MqttException {
    SSLContext tls = TlsContexts.of(List.of(ca), identity);
    MqttAsyncClient c =
        new MqttAsyncClient(
            url.replace("mqtts://", "ssl://").replace("mqtt://", "tcp://"),
            clientId,
            new MemoryPersistence());
    CertDevice d = new CertDevice(c);
    c.setCallback(
        new MqttCallback() {
          @Override
          public void disconnected(MqttDisconnectResponse r) {
            d.disconnected = true;
          }

          @Override
          public void mqttErrorOccurred(MqttException e) {}

          @Override
          public void messageArrived(String topic, MqttMessage m) {
            d.received.add(topic + " " + new String(m.getPayload()));
          }

          @Override
          public void deliveryComplete(IMqttToken t) {}

          @Override
          public void connectComplete(boolean reconnect, String uri) {}

          @Override
          public void authPacketArrived(int code, MqttProperties p) {}
        });
    MqttConnectionOptions o = new MqttConnectionOptions();
    if (url.startsWith("mqtts://")) {
      o.setSocketFactory(tls.getSocketFactory());
    }
    o.setCleanStart(true);
    o.setConnectionTimeout(10);
    c.connect(o).waitForCompletion(15_000);
    return d;
  }

  /** The subscription's reason code (below 0x80: granted). */
  int subscribe(String filter) throws MqttException {
    IMqttToken t = client.subscribe(filter, 1);
    t.waitForCompletion(10_000);
    return t.getReasonCodes()[0];
  }

  /** Publishes at QoS 1; the PUBACK's reason code, or -1 when the broker dropped the link. */
  int publish(String topic, String payload, boolean retained) {
    try {
      MqttMessage m = new MqttMessage(payload.getBytes());
      m.setQos(1);
      m.setRetained(retained);
      IMqttToken t = client.publish(topic, m);
      t.waitForCompletion(10_000);
      int[] codes = t.getReasonCodes();
      return codes == null || codes.length == 0 ? 0 : codes[0];
    } catch (MqttException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close();
    } catch (MqttException e) {
      // closing
    }
  }
}
