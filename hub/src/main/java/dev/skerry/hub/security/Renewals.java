package dev.skerry.hub.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a device's renewal request ({@code {"v":1,"csr":PEM}} on its {@code renew} topic): checks
 * it with {@link RenewalDecision}, issues a certificate for the same key with the enrollment life,
 * records it, and makes the answer ({@code {"v":1,"certificate":PEM,"expiresAt":...}} or {@code
 * {"v":1,"error":{"code","message"}}}). Counts every result; logs a refusal once per device and
 * reason, since an agent asks again every ten minutes.
 */
public final class Renewals {
  private static final Logger LOG = LoggerFactory.getLogger(Renewals.class);

  private final HubPki pki;
  private final IdentityStore store;
  private final Duration life;
  private final EnrollmentMetrics metrics;
  private final Clock clock;
  private final Map<String, String> lastRefusal = new ConcurrentHashMap<>();

  public Renewals(
      HubPki pki, IdentityStore store, Duration life, EnrollmentMetrics metrics, Clock clock) {
    this.pki = pki;
    this.store = store;
    this.life = life;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The answer to {@code payload} from {@code deviceId}. */
  public byte[] answer(String deviceId, byte[] payload) {
    String csr;
    try {
      JsonNode tree = WireJson.mapper().readTree(payload);
      csr = tree == null ? null : tree.path("csr").asText(null);
    } catch (IOException e) {
      csr = null;
    }
    RenewalDecision.Verdict v =
        csr == null
            ? new RenewalDecision.Refuse("bad_request", "expected {\"v\":1,\"csr\":PEM}")
            : RenewalDecision.decide(deviceId, csr, store.identity(deviceId));
    if (v instanceof RenewalDecision.Grant g) {
      Instant now = clock.instant();
      X509Certificate cert = pki.issueDevice(g.deviceId(), g.key(), now, life);
      Instant notAfter = cert.getNotAfter().toInstant();
      String serial = cert.getSerialNumber().toString(16);
      // Revoked between the decision and now: the update matches no row.
      if (store.renewed(deviceId, serial, notAfter, g.key())) {
        metrics.count("ok");
        lastRefusal.remove(deviceId);
        LOG.info("Device {} renewed; certificate {} valid until {}", deviceId, serial, notAfter);
        ObjectNode body = body();
        body.put("certificate", Pem.encode(cert));
        body.put("expiresAt", notAfter.toString());
        return bytes(body);
      }
      v = new RenewalDecision.Refuse("revoked", "device '" + deviceId + "' is revoked");
    }
    RenewalDecision.Refuse r = (RenewalDecision.Refuse) v;
    metrics.count(r.code());
    if (!r.code().equals(lastRefusal.put(deviceId, r.code()))) {
      LOG.warn("Renewal for device {} refused ({}): {}", deviceId, r.code(), r.message());
    }
    ObjectNode body = body();
    ObjectNode error = body.putObject("error");
    error.put("code", r.code());
    error.put("message", r.message());
    return bytes(body);
  }

  private static ObjectNode body() {
    ObjectNode body = WireJson.mapper().createObjectNode();
    body.put("v", Topics.PROTOCOL_VERSION);
    return body;
  }

  private static byte[] bytes(ObjectNode body) {
    try {
      return WireJson.mapper().writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
