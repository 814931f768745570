package dev.skerry.hub.security;

import dev.skerry.core.identity.DocumentSignature;
import dev.skerry.core.identity.Fingerprints;
import dev.skerry.core.tls.Pem;
import dev.skerry.hub.security.SigningKeyStore.DeviceRotation;
import dev.skerry.hub.security.SigningKeyStore.KeyState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's document-signing keys and their rotation (docs/security.md, "Signing-key rotation").
 * The private keys are files in {@code <data-dir>/pki} ({@code signing.key}, the first, and {@code
 * signing-<keyId>.key} for each rotation; 0600, never deleted); their states are in the {@link
 * SigningKeyStore}. One key is active; during a rotation the old one is retiring and still signs
 * for the devices that have not acknowledged a document announcing the new one. Any thread; the
 * changing calls are serialized.
 */
public final class SigningKeys {
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

  /** A rotation just started. */
  public record Started(String retiringKeyId, String activeKeyId, Instant retireBy) {}

  /** One key as {@code GET /api/v1/signing-keys} shows it. */
  public record KeyView(
      String keyId,
      String state,
      Instant createdAt,
      Optional<Instant> retireBy,
      Optional<Instant> retiredAt) {}

  /**
   * Where the keys stand.
   *
   * @param devicesNeedingOldKey devices that have not yet acknowledged the rotation in progress
   */
  public record Status(
      List<KeyView> keys, boolean rotating, int devicesInRotation, int devicesNeedingOldKey) {}

  private record State(
      String active, String retiring, Instant retireBy, Map<String, DeviceRotation> devices) {}

  private final Path dir;
  private final SigningKeyStore store;
  private final Clock clock;
  private final Map<String, KeyPair> pairs = new ConcurrentHashMap<>();
  private volatile State state;

  private SigningKeys(Path dir, SigningKeyStore store, Clock clock) {
    this.dir = dir;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Loads the key files in {@code pkiDir} (made by {@link HubPki}) and their states; the first
   * start records {@code signing.key} as the active key.
   *
   * @throws IllegalStateException when the store names a key in use whose file is missing
   */
  public static SigningKeys load(Path pkiDir, SigningKeyStore store, Clock clock) {
    SigningKeys keys = new SigningKeys(pkiDir, store, clock);
    keys.readFiles();
    if (store.keys().isEmpty()) {
      PublicKey first = Pem.publicKey(read(pkiDir.resolve("signing.pub")));
      store.addActive(Fingerprints.keyId(first), clock.instant());
    }
    for (KeyState k : store.keys()) {
      if (!SigningKeyStore.RETIRED.equals(k.state()) && !keys.pairs.containsKey(k.keyId())) {
        throw new IllegalStateException(
            "signing key "
                + k.keyId()
                + " is "
                + k.state()
                + " in the database, but no signing*.key in "
                + pkiDir
                + " holds it (restore the file from a backup)");
      }
    }
    keys.reload();
    return keys;
  }

  private void readFiles() {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path pub : files.filter(f -> isSigningPub(f.getFileName().toString())).toList()) {
        String name = pub.getFileName().toString();
        Path key = dir.resolve(name.substring(0, name.length() - ".pub".length()) + ".key");
        if (Files.exists(key)) {
          PublicKey p = Pem.publicKey(read(pub));
          pairs.put(Fingerprints.keyId(p), new KeyPair(p, Pem.privateKey(read(key))));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the signing keys in " + dir, e);
    }
  }

  private static boolean isSigningPub(String name) {
    return name.equals("signing.pub") || (name.startsWith("signing-") && name.endsWith(".pub"));
  }

  private static String read(Path file) {
    return Pem.read(file);
  }

  private void reload() {
    String active = null;
    String retiring = null;
    Instant retireBy = null;
    for (KeyState k : store.keys()) {
      if (SigningKeyStore.ACTIVE.equals(k.state())) {
        active = k.keyId();
      } else if (SigningKeyStore.RETIRING.equals(k.state())) {
        retiring = k.keyId();
        retireBy = k.retireBy().orElse(Instant.MAX);
      }
    }
    Map<String, DeviceRotation> devices = new LinkedHashMap<>();
    store.devices().forEach(d -> devices.put(d.deviceId(), d));
    state = new State(active, retiring, retireBy, Map.copyOf(devices));
  }

  /**
   * The {@link DocumentSignature} property value for {@code payload} to {@code deviceId}: by the
   * retiring key while the device has not acknowledged the rotation, else by the active key.
   */
  public String sign(String deviceId, byte[] payload) {
    State s = state;
    String keyId = s.active();
    DeviceRotation d = s.retiring() == null ? null : s.devices().get(deviceId);
    if (d != null && !d.acked()) {
      keyId = s.retiring();
    }
    KeyPair pair = pairs.get(keyId);
    return DocumentSignature.sign(pair.getPrivate(), pair.getPublic(), payload);
  }

  /** The keys devices shall trust: during a rotation the old and the new one, in that order. */
  public List<PublicKey> announced() {
    State s = state;
    List<PublicKey> keys = new ArrayList<>();
    if (s.retiring() != null) {
      keys.add(pairs.get(s.retiring()).getPublic());
    }
    keys.add(pairs.get(s.active()).getPublic());
    return keys;
  }

  /** {@link #announced()} as PEM. */
  public List<String> announcedPem() {
    return announced().stream().map(Pem::encode).toList();
  }

  public boolean rotating() {
    return state.retiring() != null;
  }

  /**
   * Makes a new key (0600, beside the old ones) and records the rotation.
   *
   * @param sinceRevisions every device with the first revision that will announce the new key
   * @throws IllegalStateException when a rotation is in progress
   */
  public synchronized Started begin(Duration grace, Map<String, Long> sinceRevisions) {
    if (rotating()) {
      throw new IllegalStateException(
          "a rotation is in progress: key " + state.retiring() + " is still retiring");
    }
    Instant now = clock.instant();
    KeyPair fresh = CertificateIssuer.ed25519KeyPair();
    String keyId = Fingerprints.keyId(fresh.getPublic());
    try {
      HubPki.writeKey(dir.resolve("signing-" + keyId + ".key"), fresh.getPrivate());
      Files.writeString(dir.resolve("signing-" + keyId + ".pub"), Pem.encode(fresh.getPublic()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the new signing key in " + dir, e);
    }
    pairs.put(keyId, fresh);
    List<DeviceRotation> devices = new ArrayList<>();
    sinceRevisions.forEach((id, rev) -> devices.add(new DeviceRotation(id, rev, Optional.empty())));
    String old = state.active();
    Instant retireBy = now.plus(grace);
    store.begin(old, keyId, now, retireBy, devices);
    reload();
    LOG.info(
        "Signing-key rotation: new key {}, old key {} retiring by {} ({} devices to acknowledge)",
        keyId,
        old,
        retireBy,
        devices.size());
    return new Started(old, keyId, retireBy);
  }

  /**
   * Marks the devices whose reports show they pinned the new key; true when the old key can go.
   *
   * @param reported device id to the desired revision it last reported
   */
  public synchronized boolean acknowledge(Map<String, Long> reported) {
    State s = state;
    if (s.retiring() == null) {
      return false;
    }
    List<String> acked = RotationProgress.newlyAcked(s.devices().values(), reported);
    Instant now = clock.instant();
    if (!acked.isEmpty()) {
      acked.forEach(id -> store.acked(id, now));
      reload();
      LOG.info("Signing-key rotation: {} acknowledged the new key", acked);
    }
    return RotationProgress.due(state.devices().values(), state.retireBy(), now);
  }

  /** Retires the old key: it signs nothing more and is no longer announced. */
  public synchronized void retire() {
    State s = state;
    if (s.retiring() == null) {
      return;
    }
    long pending = RotationProgress.pending(s.devices().values());
    store.finish(s.retiring(), clock.instant());
    reload();
    if (pending > 0) {
      LOG.warn(
          "Signing key {} retired after its grace period; {} devices never acknowledged the new"
              + " key and will refuse the hub's documents until enrolled again",
          s.retiring(),
          pending);
    } else {
      LOG.info("Signing key {} retired; every device trusts {}", s.retiring(), s.active());
    }
  }

  public Status status() {
    State s = state;
    List<KeyView> views =
        store.keys().stream()
            .map(k -> new KeyView(k.keyId(), k.state(), k.createdAt(), k.retireBy(), k.retiredAt()))
            .toList();
    return new Status(
        views,
        s.retiring() != null,
        s.retiring() == null ? 0 : s.devices().size(),
        s.retiring() == null ? 0 : (int) RotationProgress.pending(s.devices().values()));
  }
}
