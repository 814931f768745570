package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skerry.core.tls.TlsContexts;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

/**
 * The device confinement of docs/decisions/0010, run against every broker the hub supports: a
 * subclass provides the broker under test (its URL, its CA, and certificates issued by that CA).
 */
abstract class BrokerAuthorizationSuite {
  /** The broker's {@code mqtts://} URL. */
  abstract String url();

  /** The CA the broker trusts and its server certificate chains to. */
  abstract X509Certificate ca();

  /** A client certificate from {@link #ca()} with {@code cn} and {@code ou}. */
  abstract TlsContexts.Identity issue(String cn, String ou);

  /** The CN (and client id) the broker gives the hub's rights to. */
  abstract String hubCn();

  CertDevice device(String id) throws MqttException {
    return CertDevice.connect(url(), id, ca(), issue(id, "skerry-device"));
  }

  @Test
  void refusesAClientWithoutACertificateOnTheTlsListener() {
    assertThatThrownBy(() -> CertDevice.connect(url(), "anon", ca(), null))
        .isInstanceOf(MqttException.class);
  }

  @Test
  void refusesACertificateFromAnotherCa() {
    dev.skerry.testsupport.TestCa other = dev.skerry.testsupport.TestCa.create("other");
    TlsContexts.Identity foreign = other.client("foreign-1", "skerry-device").identity();
    assertThatThrownBy(() -> CertDevice.connect(url(), "foreign-1", ca(), foreign))
        .isInstanceOf(MqttException.class);
  }

  /**
   * Whatever a device subscribes to (another device's topic, wildcards, a shared subscription),
   * nothing but its own downstream topics reaches it. Brokers differ in whether they refuse the
   * subscription itself (see the subclasses); this is what both guarantee.
   */
  @Test
  void aDeviceReceivesNoOtherDevicesMessagesWhateverItSubscribes() throws Exception {
    try (CertDevice a = device("rx-a");
        CertDevice hub = observer()) {
      assertThat(a.subscribe("skerry/v1/devices/rx-a/desired")).isLessThan(0x80);
      for (String filter :
          new String[] {
            "#",
            "skerry/v1/devices/+/desired",
            "skerry/v1/devices/rx-b/desired",
            "$share/g/skerry/v1/devices/rx-b/desired",
            "skerry/v1/devices/rx-a/#",
            "skerry/v1/devices/rx-a/reported"
          }) {
        a.subscribe(filter);
      }
      hub.publish("skerry/v1/devices/rx-b/desired", "secret", false);
      hub.publish("skerry/v1/devices/rx-b/commands", "secret", false);
      hub.publish("skerry/v1/devices/rx-a/reported", "secret", false);
      hub.publish("skerry/v1/devices/rx-a/desired", "own", false);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> a.received.contains("skerry/v1/devices/rx-a/desired own"));
      assertThat(a.received).noneMatch(m -> m.contains("secret"));
    }
  }

  @Test
  void aDeviceCannotWriteAnotherDevicesTopicsNorItsOwnDesired() throws Exception {
    try (CertDevice observer = observer()) {
      assertThat(observer.subscribe("skerry/v1/devices/#")).isLessThan(0x80);
      for (String leaf : new String[] {"reported", "presence", "events"}) {
        try (CertDevice a = device("w-a-" + leaf)) {
          a.publish("skerry/v1/devices/w-b/" + leaf, "forged", false);
        }
      }
      try (CertDevice a = device("w-a-desired")) {
        a.publish("skerry/v1/devices/w-a-desired/desired", "forged", false);
      }
      try (CertDevice a = device("w-a-ok")) {
        assertThat(a.publish("skerry/v1/devices/w-a-ok/responses", "marker", false))
            .isLessThan(0x80);
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> observer.received.stream().anyMatch(m -> m.endsWith("marker")));
      assertThat(observer.received).noneMatch(m -> m.contains("forged"));
    }
  }

  @Test
  void theHubsCertificateMayWriteADevicesDesired() throws Exception {
    try (CertDevice a = device("hub-w-a");
        CertDevice hub = observer()) {
      assertThat(a.subscribe("skerry/v1/devices/hub-w-a/desired")).isLessThan(0x80);
      assertThat(hub.publish("skerry/v1/devices/hub-w-a/desired", "from-hub", false))
          .isLessThan(0x80);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> a.received.contains("skerry/v1/devices/hub-w-a/desired from-hub"));
    }
  }

  CertDevice observer() throws MqttException {
    return CertDevice.connect(url(), hubCn(), ca(), issue(hubCn(), "skerry-hub"));
  }
}
