package dev.skerry.agent.app;

import dev.skerry.agent.security.CertificateRenewer;
import dev.skerry.agent.security.DeviceIdentity;
import dev.skerry.agent.security.IdentityFiles;
import dev.skerry.agent.sync.MqttLink;
import dev.skerry.agent.sync.MqttTls;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Wires certificate renewal to the hub link: checked on every connect and every ten minutes. */
final class RenewalWiring {
  private RenewalWiring() {}

  static CertificateRenewer wire(
      IdentityFiles identities,
      DeviceIdentity identity,
      MqttLink link,
      ScheduledExecutorService thread,
      Clock clock) {
    CertificateRenewer renewer =
        new CertificateRenewer(
            identities,
            identity,
            new CertificateRenewer.Link() {
              @Override
              public boolean connected() {
                return link.connected();
              }

              @Override
              public void request(
                  String topic, byte[] payload, String responseTopic, byte[] correlation) {
                link.request(topic, payload, responseTopic, correlation);
              }

              @Override
              public void swapIdentity(DeviceIdentity renewed) {
                link.reconnectWith(MqttTls.mutual(renewed.ca(), renewed.tls()));
              }
            },
            clock);
    link.route(renewer.answerTopic(), renewer::answered);
    link.onConnected(renewer::tick);
    thread.scheduleWithFixedDelay(renewer::tick, 10, 10, TimeUnit.MINUTES);
    return renewer;
  }
}
