package dev.skerry.hub.security;

import dev.skerry.hub.security.IdentityStore.IdentityRecord;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who may connect to the broker and what they may do (docs/decisions/0010). Pure: a certificate,
 * client id, CA and identity record in; a verdict out. The HiveMQ extension and the Mosquitto
 * configuration in docs/security.md implement the same rules.
 */
public final class BrokerAccess {
  private BrokerAccess() {}

  /** A topic rule: exact topic, publish or subscribe, retained allowed. */
  public record Rule(String topic, boolean publish, boolean retainAllowed) {}

  /** What a client may do. */
  public sealed interface Verdict {}

  /** Refused with a reason for the hub's log (the client only sees NOT_AUTHORIZED). */
  public record Deny(String reason) implements Verdict {}

  /** The hub's own client: everything under {@code skerry/v1/}. */
  public record Hub(String clientId) implements Verdict {}

  /** A device confined to its own subtree. */
  public record Device(String deviceId, List<Rule> rules) implements Verdict {}

  /** Devices publish these leaves of their own subtree. */
  public static final List<String> DEVICE_PUBLISH =
      List.of("reported", "presence", "events", "responses", "renew");

  /** Devices subscribe these leaves of their own subtree. */
  public static final List<String> DEVICE_SUBSCRIBE =
      List.of("desired", "ack", "commands", "certificate");

  /** The rules of device {@code id}: no wildcards, retained publish only on presence. */
  public static List<Rule> deviceRules(String id) {
    String base = "skerry/v1/devices/" + id + "/";
    java.util.ArrayList<Rule> rules = new java.util.ArrayList<>();
    for (String leaf : DEVICE_PUBLISH) {
      rules.add(new Rule(base + leaf, true, leaf.equals("presence")));
    }
    for (String leaf : DEVICE_SUBSCRIBE) {
      rules.add(new Rule(base + leaf, false, false));
    }
    return List.copyOf(rules);
  }

  /**
   * Decides for a client that presented {@code cert} (null: none) with {@code clientId}.
   *
   * @param identity the device's identity record, looked up by the certificate's CN
   */
  public static Verdict decide(
      X509Certificate cert,
      String clientId,
      X509Certificate ca,
      Optional<IdentityRecord> identity,
      Instant now) {
    if (cert == null) {
      return new Deny("no client certificate");
    }
    try {
      cert.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      return new Deny("certificate not issued by the hub CA");
    }
    if (now.isAfter(cert.getNotAfter().toInstant())
        || now.isBefore(cert.getNotBefore().toInstant())) {
      return new Deny("certificate expired or not yet valid");
    }
    String name = cert.getSubjectX500Principal().getName();
    String cn = Csrs.commonName(name);
    String ou = Csrs.organizationalUnit(name);
    if (cn == null || !cn.equals(clientId)) {
      return new Deny("client id '" + clientId + "' is not the certificate's CN '" + cn + "'");
    }
    if (CertificateIssuer.HUB_OU.equals(ou)) {
      return new Hub(cn);
    }
    if (!CertificateIssuer.DEVICE_OU.equals(ou)) {
      return new Deny("certificate OU '" + ou + "' is neither a device's nor the hub's");
    }
    if (cn.startsWith(Csrs.RESERVED_PREFIX)) {
      return new Deny("device certificate with a reserved id");
    }
    String serial = cert.getSerialNumber().toString(16);
    if (identity.isPresent()) {
      IdentityRecord r = identity.get();
      if (r.revoked() || r.revokedSerials().contains(serial)) {
        return new Deny("device " + cn + " is revoked");
      }
    }
    return new Device(cn, deviceRules(cn));
  }
}
