package dev.skerry.agent.app;

import dev.skerry.agent.security.CertificateRenewer;
import dev.skerry.agent.security.DeviceIdentity;
import dev.skerry.agent.security.ExpiredRenewalClient;
import dev.skerry.agent.security.IdentityFiles;
import dev.skerry.agent.sync.MqttLink;
import dev.skerry.agent.sync.MqttTls;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wires certificate renewal to the hub link: checked on every connect and every minute (more often
 * for a short certificate life); past expiry, with the broker refusing, over HTTPS at {@code
 * --hub-api} or the address stored at enrollment.
 */
final class RenewalWiring {
  private RenewalWiring() {}

  static CertificateRenewer wire(
      IdentityFiles identities,
      DeviceIdentity identity,
      URI hubApi,
      MqttLink link,
      ScheduledExecutorService thread,
      Clock clock) {
    URI api = hubApi != null ? hubApi : identities.hubApi().orElse(null);
    ExpiredRenewalClient https = api == null ? null : new ExpiredRenewalClient(api, identity.ca());
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
            https == null ? null : https::ask,
            clock);
    link.route(renewer.answerTopic(), renewer::answered);
    link.onConnected(renewer::tick);
    long every = CertificateRenewer.tickEvery(identity).toMillis();
    thread.scheduleWithFixedDelay(renewer::tick, every, every, TimeUnit.MILLISECONDS);
    return renewer;
  }
}
