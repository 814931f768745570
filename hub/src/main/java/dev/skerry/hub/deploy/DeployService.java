package dev.skerry.hub.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skerry.hub.store.DeploymentRecord;
import dev.skerry.hub.store.HubStore;
import dev.skerry.hub.store.StoreException;
import dev.skerry.proto.msg.WireJson;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies and deletes deployments. Changes run on the {@link ControlLoop}; reads run on the
 * caller's thread (never a Vert.x event loop: they hit the store).
 */
public final class DeployService {
  private static final Logger LOG = LoggerFactory.getLogger(DeployService.class);

  private final HubStore store;
  private final Recomposer recomposer;
  private final ControlLoop loop;
  private final Clock clock;

  public DeployService(HubStore store, Recomposer recomposer, ControlLoop loop, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.recomposer = Objects.requireNonNull(recomposer, "recomposer");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Stores a new revision if the content changed, then recomposes the fleet. */
  public CompletableFuture<ApplyResult> apply(Deployment deployment) {
    return loop.submit(() -> applyNow(deployment));
  }

  /** Removes a deployment and its workloads from the devices; false if it did not exist. */
  public CompletableFuture<Boolean> delete(String name) {
    return loop.submit(
        () -> {
          boolean deleted = store.deleteDeployment(name);
          if (deleted) {
            LOG.info("Deployment {} deleted", name);
            recomposer.recompose();
          }
          return deleted;
        });
  }

  public Optional<DeploymentState> get(String name) {
    return store.deployment(name).map(this::state);
  }

  /**
   * Every revision a deployment name ever had, oldest first, including those of a deleted
   * deployment (a re-created one continues their numbers); empty if the name was never applied.
   */
  public List<DeploymentRecord> revisions(String name) {
    return store.history(name);
  }

  public List<DeploymentState> list() {
    return store.deployments().stream().map(this::state).toList();
  }

  private ApplyResult applyNow(Deployment deployment) {
    String canonical = CanonicalJson.write(deployment);
    String hash = CanonicalJson.sha256(canonical);
    Optional<DeploymentRecord> current = store.deployment(deployment.name());
    if (current.isPresent() && current.get().contentHash().equals(hash)) {
      return new ApplyResult(deployment.name(), current.get().revision(), false);
    }
    long revision = store.latestRevision(deployment.name()) + 1;
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant created = current.map(DeploymentRecord::createdAt).orElse(now);
    store.putDeployment(
        new DeploymentRecord(deployment.name(), revision, canonical, hash, created, now));
    LOG.info("Deployment {} revision {}", deployment.name(), revision);
    recomposer.recompose();
    return new ApplyResult(deployment.name(), revision, true);
  }

  private DeploymentState state(DeploymentRecord r) {
    try {
      Deployment d = WireJson.mapper().readValue(r.specJson(), Deployment.class);
      return new DeploymentState(
          d,
          r.revision(),
          r.contentHash(),
          r.createdAt(),
          r.updatedAt(),
          recomposer.lastComposition().conflictsOf(r.name()));
    } catch (JsonProcessingException e) {
      throw new StoreException("stored deployment " + r.name() + " is not readable", false, e);
    }
  }
}
