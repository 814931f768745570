package dev.skerry.agent.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.tls.Pem;
import dev.skerry.core.wire.WireJson;
import dev.skerry.testsupport.TestCa;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renewal at 2/3 of the certificate's life, for the same key, checked answer, then a swap. */
class CertificateRenewerTest {
  @TempDir Path data;
  private final TestCa ca = TestCa.create("hub-ca");
  private final KeyPair keys = Csr.newKeyPair();
  private final List<byte[]> requests = new ArrayList<>();
  private final List<DeviceIdentity> swaps = new ArrayList<>();
  private boolean connected = true;

  private final CertificateRenewer.Link link =
      new CertificateRenewer.Link() {
        @Override
        public boolean connected() {
          return connected;
        }

        @Override
        public void request(String topic, byte[] payload, String responseTopic, byte[] corr) {
          assertThat(topic).isEqualTo("skerry/v1/devices/dev-1/renew");
          assertThat(responseTopic).isEqualTo("skerry/v1/devices/dev-1/certificate");
          requests.add(payload);
        }

        @Override
        public void swapIdentity(DeviceIdentity renewed) {
          swaps.add(renewed);
        }
      };

  private DeviceIdentity identity() {
    // TestCa backdates notBefore by two hours: life 2 h + 90 d.
    var issued = ca.issue("dev-1", "skerry-device", keys, Duration.ofDays(90), false);
    return new DeviceIdentity(keys.getPrivate(), issued.certificate(), ca.certificate());
  }

  private CertificateRenewer renewer(DeviceIdentity id, Instant now) {
    IdentityFiles store = new IdentityFiles(data);
    store.save(id, List.of(), null);
    return new CertificateRenewer(store, id, link, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void asksNothingBeforeTwoThirdsOfTheLife() {
    DeviceIdentity id = identity();
    renewer(id, Renewal.renewAt(id.certificate()).minusSeconds(60)).tick();
    assertThat(requests).isEmpty();
  }

  @Test
  void asksOnceForTheSameKeyAfterTwoThirdsAndSwapsToTheAnsweredCertificate() throws Exception {
    DeviceIdentity id = identity();
    CertificateRenewer r = renewer(id, Renewal.renewAt(id.certificate()).plusSeconds(1));
    r.tick();
    r.tick(); // not again within the retry interval
    assertThat(requests).hasSize(1);
    var json = WireJson.mapper().readTree(requests.get(0));
    PKCS10CertificationRequest csr =
        new PKCS10CertificationRequest(Pem.blocks(json.get("csr").asText()).get(0).der());
    assertThat(csr.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(keys.getPublic().getEncoded());

    var renewed = ca.issue("dev-1", "skerry-device", keys, Duration.ofDays(180), false);
    r.answered(
        ("{\"v\":1,\"certificate\":\""
                + Pem.encode(renewed.certificate()).replace("\n", "\\n")
                + "\"}")
            .getBytes(UTF_8));

    assertThat(swaps)
        .singleElement()
        .satisfies(s -> assertThat(s.certificate()).isEqualTo(renewed.certificate()));
    assertThat(new IdentityFiles(data).load().orElseThrow().certificate())
        .isEqualTo(renewed.certificate());
  }

  @Test
  void refusesACertificateForAnotherKeyOrFromAnotherCa() {
    DeviceIdentity id = identity();
    CertificateRenewer r = renewer(id, Instant.now());
    var otherKey = ca.issue("dev-1", "skerry-device", Csr.newKeyPair(), Duration.ofDays(9), false);
    var otherCa =
        TestCa.create("evil").issue("dev-1", "skerry-device", keys, Duration.ofDays(9), false);
    for (var bad : List.of(otherKey, otherCa)) {
      r.answered(
          ("{\"v\":1,\"certificate\":\""
                  + Pem.encode(bad.certificate()).replace("\n", "\\n")
                  + "\"}")
              .getBytes(UTF_8));
    }
    r.answered("{\"v\":1,\"error\":{\"code\":\"revoked\",\"message\":\"no\"}}".getBytes(UTF_8));
    assertThat(swaps).isEmpty();
    assertThat(r.identity()).isEqualTo(id);
  }

  @Test
  void asksNothingWhileOffline() {
    connected = false;
    DeviceIdentity id = identity();
    renewer(id, id.notAfter().plusSeconds(3600)).tick();
    assertThat(requests).isEmpty();
  }

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static String certificateJson(java.security.cert.X509Certificate cert) {
    return "{\"status\":\"approved\",\"certificate\":\""
        + Pem.encode(cert).replace("\n", "\\n")
        + "\"}";
  }

  @Test
  void pastExpiryAndRefusedByTheBrokerAsksOverHttpsAndPollsWithBackOffUntilApproved() {
    connected = false;
    DeviceIdentity id = identity();
    MovingClock clock = new MovingClock(id.notAfter().plusSeconds(60));
    List<DeviceIdentity> asked = new ArrayList<>();
    var renewed = ca.issue("dev-1", "skerry-device", keys, Duration.ofDays(90), false);
    List<ExpiredRenewalClient.Answer> answers =
        new ArrayList<>(
            List.of(
                new ExpiredRenewalClient.Pending(),
                new ExpiredRenewalClient.Pending(),
                new ExpiredRenewalClient.Approved(
                    certificateJson(renewed.certificate()).getBytes(UTF_8))));
    IdentityFiles files = new IdentityFiles(data);
    files.save(id, List.of(), null);
    CertificateRenewer r =
        new CertificateRenewer(
            files,
            id,
            link,
            expired -> {
              asked.add(expired);
              return java.util.concurrent.CompletableFuture.completedFuture(answers.remove(0));
            },
            clock);

    r.tick(); // pending; next ask after 5 s
    r.tick();
    clock.now = clock.now.plusSeconds(5);
    r.tick(); // pending; next after 10 s
    clock.now = clock.now.plusSeconds(9);
    r.tick();
    assertThat(asked).hasSize(2);
    assertThat(swaps).isEmpty();
    clock.now = clock.now.plusSeconds(1);
    r.tick(); // approved

    assertThat(asked).hasSize(3).allMatch(a -> a.equals(id));
    assertThat(requests).isEmpty();
    assertThat(swaps)
        .singleElement()
        .satisfies(s -> assertThat(s.certificate()).isEqualTo(renewed.certificate()));
    assertThat(new IdentityFiles(data).load().orElseThrow().certificate())
        .isEqualTo(renewed.certificate());
    assertThat(r.identity().certificate()).isEqualTo(renewed.certificate());
  }

  @Test
  void keepsTheExpiredIdentityWhenTheHubRefusesOrIsUnreachable() {
    connected = false;
    DeviceIdentity id = identity();
    MovingClock clock = new MovingClock(id.notAfter().plusSeconds(60));
    List<java.util.concurrent.CompletableFuture<ExpiredRenewalClient.Answer>> answers =
        new ArrayList<>(
            List.of(
                java.util.concurrent.CompletableFuture.completedFuture(
                    new ExpiredRenewalClient.Refused(403, "revoked", "device 'dev-1' is revoked")),
                java.util.concurrent.CompletableFuture.failedFuture(
                    new java.io.IOException("connection refused"))));
    IdentityFiles files = new IdentityFiles(data);
    files.save(id, List.of(), null);
    CertificateRenewer r =
        new CertificateRenewer(files, id, link, expired -> answers.remove(0), clock);

    r.tick();
    clock.now = clock.now.plusSeconds(5);
    r.tick();

    assertThat(answers).isEmpty();
    assertThat(swaps).isEmpty();
    assertThat(r.identity()).isEqualTo(id);
    assertThat(new IdentityFiles(data).load().orElseThrow().certificate())
        .isEqualTo(id.certificate());
  }

  @Test
  void asksOverHttpsNeitherBeforeExpiryNorWhileConnected() {
    DeviceIdentity id = identity();
    List<DeviceIdentity> asked = new ArrayList<>();
    CertificateRenewer.Offline offline =
        expired -> {
          asked.add(expired);
          return new java.util.concurrent.CompletableFuture<>();
        };
    connected = false;
    new CertificateRenewer(
            new IdentityFiles(data),
            id,
            link,
            offline,
            Clock.fixed(id.notAfter().minusSeconds(1), ZoneOffset.UTC))
        .tick();
    connected = true;
    new CertificateRenewer(
            new IdentityFiles(data),
            id,
            link,
            offline,
            Clock.fixed(id.notAfter().plusSeconds(1), ZoneOffset.UTC))
        .tick();

    assertThat(asked).isEmpty();
    assertThat(requests).hasSize(1); // connected: over MQTT as usual
  }

  @Test
  void checksMoreOftenForAShortLife() {
    var shortLived = ca.issue("dev-1", "skerry-device", keys, Duration.ofMinutes(1), false);
    DeviceIdentity id =
        new DeviceIdentity(keys.getPrivate(), shortLived.certificate(), ca.certificate());
    // TestCa backdates by two hours: the life is 2 h 1 min.
    assertThat(CertificateRenewer.tickEvery(id)).isEqualTo(Duration.ofMinutes(1));
    assertThat(CertificateRenewer.tickEvery(identity())).isEqualTo(Duration.ofMinutes(1));
    assertThat(CertificateRenewer.retry(identity())).isEqualTo(Duration.ofMinutes(10));
  }
}
