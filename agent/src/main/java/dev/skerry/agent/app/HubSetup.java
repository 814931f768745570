package dev.skerry.agent.app;

import dev.skerry.agent.security.DeviceIdentity;
import dev.skerry.agent.security.Enroller;
import dev.skerry.agent.security.EnrollmentRefused;
import dev.skerry.agent.security.IdentityFiles;
import dev.skerry.agent.security.JoinTokenInput;
import dev.skerry.agent.sync.MqttTls;
import dev.skerry.core.identity.JoinToken;
import java.net.URI;
import java.util.logging.Logger;

/**
 * How the agent reaches its hub: enrolls first if it has a join token and no identity (blocking,
 * with back-off), then mutual TLS with the stored identity, or the {@code --mqtt-ca} trust without
 * one. The broker is {@code --hub}, else the one the hub named at enrollment.
 *
 * @param hub null: offline-only
 * @param problem why there is no link although one was asked for (enrollment refused), or null
 */
record HubSetup(URI hub, MqttTls tls, DeviceIdentity identity, String problem) {
  private static final Logger LOG = Logger.getLogger(HubSetup.class.getName());

  static HubSetup resolve(AgentConfig config) {
    IdentityFiles identities = new IdentityFiles(config.dataDir());
    JoinToken token = JoinTokenInput.resolve(config.joinToken(), config.joinTokenFile());
    if (!identities.exists() && token != null) {
      try {
        new Enroller(identities, config.hubApi(), token).enroll(config.deviceId());
      } catch (EnrollmentRefused e) {
        String why = e.toString();
        LOG.severe(why + "; running offline-only until enrolled (skerry-agent join)");
        return new HubSetup(null, null, null, why);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new HubSetup(null, null, null, "interrupted while enrolling");
      }
    }
    DeviceIdentity identity = identities.load().orElse(null);
    URI hub = config.hub();
    if (hub == null && identity != null) {
      hub = identities.mqttUrl().orElse(null);
    }
    if (hub == null) {
      return new HubSetup(null, null, identity, null);
    }
    MqttTls tls =
        identity != null
            ? MqttTls.mutual(identity.ca(), identity.tls())
            : MqttTls.of(config.mqttCa());
    if (identity != null && !"mqtts".equals(hub.getScheme())) {
      LOG.warning("enrolled, but the hub URL " + hub + " is not mqtts://: no mutual TLS");
    }
    return new HubSetup(hub, tls, identity, null);
  }
}
