package dev.skerry.hub.security;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's authenticator and authorizer as an embedded HiveMQ extension: it is
 * registered before any listener opens, so no client is ever let in anonymously unless {@code
 * allowAnonymous} (the {@code --insecure-anonymous-mqtt} experiment) says so. Rules: {@link
 * BrokerAccess}.
 */
public final class BrokerSecurity {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerSecurity.class);

  private final HubPki pki;
  private final IdentityStore identities;
  private final boolean allowAnonymous;
  private final Clock clock;
  private final AtomicReference<ClientService> clients = new AtomicReference<>();

  public BrokerSecurity(HubPki pki, IdentityStore identities, boolean allowAnonymous, Clock clock) {
    this.pki = pki;
    this.identities = identities;
    this.allowAnonymous = allowAnonymous;
    this.clock = clock;
  }

  /** The extension to give {@code EmbeddedHiveMQ.builder().withEmbeddedExtension(...)}. */
  public EmbeddedExtension extension() {
    return EmbeddedExtension.builder()
        .withId("skerry-security")
        .withName("Skerry device identity")
        .withVersion("1")
        .withPriority(1000)
        .withStartPriority(1000)
        .withExtensionMain(new Main())
        .build();
  }

  /** Disconnects the client {@code clientId} at once, if connected. */
  public void disconnect(String clientId) {
    ClientService service = clients.get();
    if (service != null) {
      service.disconnectClient(clientId);
    }
  }

  private final class Main implements ExtensionMain {
    @Override
    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
      clients.set(Services.clientService());
      Services.securityRegistry().setAuthenticatorProvider(input -> new Authenticator());
    }

    @Override
    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {}
  }

  private final class Authenticator implements SimpleAuthenticator {
    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
      try {
        decide(input, output);
      } catch (RuntimeException e) {
        LOG.warn("MQTT client refused: the check failed: {}", e.toString());
        output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "not authorized");
      }
    }

    private void decide(SimpleAuthInput input, SimpleAuthOutput output) {
      String clientId = input.getClientInformation().getClientId();
      X509Certificate cert =
          input
              .getConnectionInformation()
              .getClientTlsInformation()
              .flatMap(ClientTlsInformation::getClientCertificate)
              .orElse(null);
      ModifiableDefaultPermissions perms = output.getDefaultPermissions();
      if (cert == null && allowAnonymous) {
        perms.setDefaultBehaviour(DefaultAuthorizationBehaviour.ALLOW);
        output.authenticateSuccessfully();
        return;
      }
      String cn = cert == null ? null : Csrs.commonName(cert.getSubjectX500Principal().getName());
      Optional<IdentityStore.IdentityRecord> identity =
          cn == null ? Optional.empty() : identities.identity(cn);
      BrokerAccess.Verdict v =
          BrokerAccess.decide(cert, clientId, pki.caCertificate(), identity, clock.instant());
      if (v instanceof BrokerAccess.Deny deny) {
        LOG.warn("MQTT client '{}' refused: {}", clientId, deny.reason());
        output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "not authorized");
        return;
      }
      perms.clear();
      if (v instanceof BrokerAccess.Hub) {
        perms.add(
            Builders.topicPermission()
                .topicFilter("skerry/v1/#")
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(TopicPermission.MqttActivity.ALL)
                .retain(TopicPermission.Retain.ALL)
                .sharedSubscription(TopicPermission.SharedSubscription.ALL)
                .build());
      } else if (v instanceof BrokerAccess.Device device) {
        for (BrokerAccess.Rule rule : device.rules()) {
          perms.add(
              Builders.topicPermission()
                  .topicFilter(rule.topic())
                  .type(TopicPermission.PermissionType.ALLOW)
                  .activity(
                      rule.publish()
                          ? TopicPermission.MqttActivity.PUBLISH
                          : TopicPermission.MqttActivity.SUBSCRIBE)
                  .retain(
                      rule.publish() && !rule.retainAllowed()
                          ? TopicPermission.Retain.NOT_RETAINED
                          : TopicPermission.Retain.ALL)
                  .sharedSubscription(TopicPermission.SharedSubscription.NOT_SHARED)
                  .build());
        }
      }
      perms.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
      output.authenticateSuccessfully();
    }
  }
}
