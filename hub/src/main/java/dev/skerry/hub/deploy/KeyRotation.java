package dev.skerry.hub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.concurrent.NamedThreads;
import dev.skerry.core.concurrent.RunsOn;
import dev.skerry.core.wire.WireJson;
import dev.skerry.hub.security.SigningKeys;
import dev.skerry.hub.store.DesiredRecord;
import dev.skerry.hub.store.DeviceRecord;
import dev.skerry.hub.store.HubStore;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates the document-signing key across the fleet (docs/security.md, "Signing-key rotation"):
 * every device gets a new revision signed by the old key that announces [old, new]; a device that
 * reports that revision has pinned both and is signed for with the new key from then on; when every
 * device has, or the grace period is over, the old key retires and every device gets a revision
 * signed by the new key announcing [new] only. Steps on the {@link ControlLoop}; a timer checks the
 * devices' reports at a fixed period.
 */
public final class KeyRotation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);

  /** The grace period when the caller names none. */
  public static final Duration DEFAULT_GRACE = Duration.ofDays(7);

  /** The longest grace period. */
  public static final Duration MAX_GRACE = Duration.ofDays(365);

  private final HubStore store;
  private final Recomposer recomposer;
  private final SigningKeys keys;
  private final ControlLoop loop;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          NamedThreads.factory("skerry-hub-key-rotation", true));
  private final AtomicBoolean queued = new AtomicBoolean();

  public KeyRotation(HubStore store, Recomposer recomposer, SigningKeys keys, ControlLoop loop) {
    this.store = Objects.requireNonNull(store, "store");
    this.recomposer = Objects.requireNonNull(recomposer, "recomposer");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.loop = Objects.requireNonNull(loop, "loop");
  }

  /** Checks the rotation in progress every {@code period}. */
  public KeyRotation start(Duration period) {
    timer.scheduleWithFixedDelay(
        () -> {
          if (queued.compareAndSet(false, true)) {
            loop.submit(
                    () -> {
                      queued.set(false);
                      tick();
                      return null;
                    })
                .exceptionally(
                    t -> {
                      queued.set(false);
                      LOG.warn("Checking the signing-key rotation failed: {}", t.toString());
                      return null;
                    });
          }
        },
        period.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Starts a rotation; completes with the status after the transitional documents were published,
   * or fails with {@link IllegalStateException} when one is in progress.
   */
  public CompletableFuture<SigningKeys.Status> rotate(Duration grace) {
    return loop.submit(
        () -> {
          Map<String, Long> since = new LinkedHashMap<>();
          for (DeviceRecord d : store.devices()) {
            long held = store.desired(d.id()).map(DesiredRecord::revision).orElse(0L);
            since.put(d.id(), held + 1);
          }
          // Recorded before publishing, so each transitional document is signed by the old key.
          keys.begin(grace, since);
          recomposer.reannounce();
          return keys.status();
        });
  }

  /** Marks acknowledgements and retires the old key when it is due. */
  @RunsOn("skerry-hub-control")
  void tick() {
    if (!keys.rotating()) {
      return;
    }
    if (keys.acknowledge(reportedDesiredRevisions())) {
      keys.retire();
      recomposer.reannounce();
    }
  }

  private Map<String, Long> reportedDesiredRevisions() {
    Map<String, Long> reported = new HashMap<>();
    for (DeviceRecord d : store.devices()) {
      if (d.lastReportJson() == null) {
        continue;
      }
      try {
        JsonNode report = WireJson.mapper().readTree(d.lastReportJson());
        reported.put(d.id(), report.path("desiredRevision").asLong(0));
      } catch (IOException e) {
        LOG.debug("Device {}: unreadable stored report", d.id());
      }
    }
    return reported;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
