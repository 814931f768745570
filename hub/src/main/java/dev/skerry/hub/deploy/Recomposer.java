package dev.skerry.hub.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skerry.core.concurrent.RunsOn;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import dev.skerry.hub.rollout.RolloutStates;
import dev.skerry.hub.store.DeploymentRecord;
import dev.skerry.hub.store.DesiredRecord;
import dev.skerry.hub.store.DeviceRecord;
import dev.skerry.hub.store.HubStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stored devices and deployments into each device's desired document: composes, gives a
 * device a new revision only when its workloads changed, stores it, then publishes it. Runs on the
 * {@link ControlLoop} thread.
 */
@RunsOn("skerry-hub-control")
public final class Recomposer {
  private static final Logger LOG = LoggerFactory.getLogger(Recomposer.class);
  static final String EMPTY_HASH = CanonicalJson.sha256(CanonicalJson.write(List.of()));

  private final HubStore store;
  private final DesiredPublisher publisher;
  private final Clock clock;
  private final Supplier<List<String>> signingKeys;
  private volatile Composition last = Composition.empty();

  /** Documents without {@code signingKeys}. */
  public Recomposer(HubStore store, DesiredPublisher publisher, Clock clock) {
    this(store, publisher, clock, List::of);
  }

  /**
   * @param signingKeys the PEM keys every new document announces ({@code signingKeys}, the agent
   *     pins them when the document verifies); none: the field is left out
   */
  public Recomposer(
      HubStore store, DesiredPublisher publisher, Clock clock, Supplier<List<String>> signingKeys) {
    this.store = Objects.requireNonNull(store, "store");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
  }

  /** Recomposes every device; returns the ids of the devices that got a new document. */
  public List<String> recompose() {
    return recompose(false);
  }

  /**
   * Gives every device a new revision with its current workloads, so that it receives the signing
   * keys announced now (a signing-key rotation), even a device with no workloads.
   */
  public List<String> reannounce() {
    return recompose(true);
  }

  private List<String> recompose(boolean everyDevice) {
    List<DeviceRecord> devices = store.devices();
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    devices.forEach(d -> labels.put(d.id(), d.effectiveLabels()));
    List<Composer.Input> inputs = store.deployments().stream().map(this::input).toList();
    Composition composition = Composer.compose(labels, inputs);
    last = composition;
    composition
        .conflicts()
        .forEach(
            c ->
                LOG.warn(
                    "Device {}: workload '{}' of deployment {} is dropped; deployment {} has it",
                    c.deviceId(),
                    c.workload(),
                    c.dropped(),
                    c.kept()));
    return devices.stream()
        .map(DeviceRecord::id)
        .filter(id -> update(id, composition.workloadsOf(id), everyDevice))
        .toList();
  }

  /** Sends every stored desired document again, e.g. after the broker link came back. */
  public void republishAll() {
    for (DesiredRecord d : store.desired()) {
      publisher.publishDesired(d.deviceId(), d.documentJson().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The composition of the last {@link #recompose()}, with its conflicts. */
  public Composition lastComposition() {
    return last;
  }

  private boolean update(String deviceId, List<DesiredWorkload> workloads, boolean force) {
    String hash = CanonicalJson.sha256(CanonicalJson.write(workloads));
    var stored = store.desired(deviceId);
    String previousHash = stored.map(DesiredRecord::contentHash).orElse(EMPTY_HASH);
    if (previousHash.equals(hash) && !force) {
      return false;
    }
    long revision = stored.map(DesiredRecord::revision).orElse(0L) + 1;
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    DesiredDocument doc =
        new DesiredDocument(Topics.PROTOCOL_VERSION, deviceId, revision, now, workloads);
    String json;
    try {
      ObjectNode tree = WireJson.mapper().valueToTree(doc);
      List<String> keys = signingKeys.get();
      if (!keys.isEmpty()) {
        var array = tree.putArray("signingKeys");
        keys.forEach(array::add);
      }
      json = WireJson.mapper().writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a desired document", e);
    }
    store.putDesired(new DesiredRecord(deviceId, revision, hash, json, now));
    LOG.info("Device {}: desired revision {} ({} workloads)", deviceId, revision, workloads.size());
    publisher.publishDesired(deviceId, json.getBytes(StandardCharsets.UTF_8));
    return true;
  }

  /**
   * A deployment with the revision each device gets: without a rollout (or a complete one) every
   * device gets the current revision; a rolled-back one gives everybody the stable revision; a
   * rollout in progress (or paused, or failed without rollback) gives the current revision to the
   * devices it has reached and the stable one to the others.
   */
  private Composer.Input input(DeploymentRecord r) {
    long age = r.createdAt().toEpochMilli();
    Composer.Versioned current = new Composer.Versioned(Deployment.of(r), r.revision());
    var rollout = store.rollout(r.name()).filter(ro -> ro.revision() == r.revision());
    if (rollout.isEmpty() || RolloutStates.COMPLETE.equals(rollout.get().state())) {
      return new Composer.Input(r.name(), age, current, null, RevisionChoice.ALL_CURRENT);
    }
    long stableRevision = rollout.get().stableRevision();
    Composer.Versioned stable =
        stableRevision <= 0
            ? null
            : store.history(r.name()).stream()
                .filter(h -> h.revision() == stableRevision)
                .findFirst()
                .map(h -> new Composer.Versioned(Deployment.of(h), h.revision()))
                .orElse(null);
    if (RolloutStates.ROLLEDBACK.equals(rollout.get().state())) {
      return new Composer.Input(r.name(), age, current, stable, RevisionChoice.ALL_STABLE);
    }
    Set<String> reached = new HashSet<>();
    store.rolloutDevices(r.name()).forEach(d -> reached.add(d.deviceId()));
    return new Composer.Input(r.name(), age, current, stable, RevisionChoice.only(reached));
  }
}
