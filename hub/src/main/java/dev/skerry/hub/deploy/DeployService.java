package dev.skerry.hub.deploy;

import dev.skerry.hub.access.AccessStore.AuditEntry;
import dev.skerry.hub.rollout.Rollout;
import dev.skerry.hub.rollout.RolloutMetrics;
import dev.skerry.hub.rollout.RolloutService;
import dev.skerry.hub.store.DeploymentRecord;
import dev.skerry.hub.store.DeviceRecord;
import dev.skerry.hub.store.HubStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
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
  private final RolloutService rollouts;

  public DeployService(HubStore store, Recomposer recomposer, ControlLoop loop, Clock clock) {
    this(
        store,
        recomposer,
        loop,
        clock,
        new RolloutService(store, recomposer::recompose, clock, new RolloutMetrics()));
  }

  public DeployService(
      HubStore store,
      Recomposer recomposer,
      ControlLoop loop,
      Clock clock,
      RolloutService rollouts) {
    this.rollouts = Objects.requireNonNull(rollouts, "rollouts");
    this.store = Objects.requireNonNull(store, "store");
    this.recomposer = Objects.requireNonNull(recomposer, "recomposer");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Stores a new revision if the content changed, then recomposes the fleet. */
  public CompletableFuture<ApplyResult> apply(Deployment deployment) {
    return apply(deployment, null);
  }

  /**
   * Like {@link #apply(Deployment)}, recording who applied it in the revision history.
   *
   * @param appliedBy who applied it; null if not known
   */
  public CompletableFuture<ApplyResult> apply(Deployment deployment, String appliedBy) {
    return apply(deployment, appliedBy, null);
  }

  /**
   * As {@link #apply(Deployment, String)}, writing {@code audit} (with the revision made) in the
   * transaction of the new revision; nothing is audited when the content did not change.
   */
  public CompletableFuture<ApplyResult> apply(
      Deployment deployment, String appliedBy, AuditEntry audit) {
    return loop.submit(() -> applyNow(deployment, appliedBy, audit));
  }

  /** Removes a deployment and its workloads from the devices; false if it did not exist. */
  public CompletableFuture<Boolean> delete(String name) {
    return delete(name, null);
  }

  /** As {@link #delete(String)}, writing {@code audit} in the transaction of the removal. */
  public CompletableFuture<Boolean> delete(String name, AuditEntry audit) {
    return loop.submit(
        () -> {
          boolean deleted = store.deleteDeployment(name, audit);
          if (deleted) {
            LOG.info("Deployment {} deleted", name);
            recomposer.recompose();
          }
          return deleted;
        });
  }

  public Optional<DeploymentState> get(String name) {
    return store.deployment(name).map(r -> state(r, true, store::devices));
  }

  /** The rollouts of the deployments; the hub steps them on its control loop. */
  public RolloutService rollouts() {
    return rollouts;
  }

  /** Pauses a deployment's rollout; empty if there is no such deployment. */
  public CompletableFuture<Optional<Rollout>> pause(String name) {
    return onRollout(name, rollouts::pause);
  }

  /** Resumes a deployment's paused rollout; empty if there is no such deployment. */
  public CompletableFuture<Optional<Rollout>> resume(String name) {
    return onRollout(name, rollouts::resume);
  }

  /**
   * Sends a deployment's stable revision back to all its devices; empty if there is no such
   * deployment.
   */
  public CompletableFuture<Optional<Rollout>> rollback(String name) {
    return onRollout(name, rollouts::rollback);
  }

  /**
   * Runs a rollout action on the control loop.
   *
   * @throws IllegalStateException (in the future) when the rollout's state does not allow it
   */
  private CompletableFuture<Optional<Rollout>> onRollout(
      String name, java.util.function.Function<String, Rollout> action) {
    return loop.submit(
        () ->
            store.deployment(name).isEmpty() ? Optional.empty() : Optional.of(action.apply(name)));
  }

  /**
   * Every revision a deployment name ever had, oldest first, including those of a deleted
   * deployment (a re-created one continues their numbers); empty if the name was never applied.
   */
  public List<DeploymentRecord> revisions(String name) {
    return store.history(name);
  }

  public List<DeploymentState> list() {
    Supplier<List<DeviceRecord>> fleet = once(store::devices); // one read for every rollout view
    return store.deployments().stream().map(r -> state(r, false, fleet)).toList();
  }

  private ApplyResult applyNow(Deployment deployment, String appliedBy, AuditEntry audit) {
    String canonical = CanonicalJson.write(deployment);
    String hash = CanonicalJson.sha256(canonical);
    Optional<DeploymentRecord> current = store.deployment(deployment.name());
    if (current.isPresent() && current.get().contentHash().equals(hash)) {
      return new ApplyResult(deployment.name(), current.get().revision(), false);
    }
    long revision = store.latestRevision(deployment.name()) + 1;
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant created = current.map(DeploymentRecord::createdAt).orElse(now);
    DeploymentRecord applied =
        new DeploymentRecord(deployment.name(), revision, canonical, hash, created, now, appliedBy);
    store.putDeployment(applied, audit == null ? null : audit.withRevision(revision));
    LOG.info("Deployment {} revision {}", deployment.name(), revision);
    rollouts.begin(applied, current);
    recomposer.recompose();
    return new ApplyResult(deployment.name(), revision, true);
  }

  private DeploymentState state(
      DeploymentRecord r, boolean detailed, Supplier<List<DeviceRecord>> devices) {
    return new DeploymentState(
        Deployment.of(r),
        r.revision(),
        r.contentHash(),
        r.createdAt(),
        r.updatedAt(),
        recomposer.lastComposition().conflictsOf(r.name()),
        rollouts.view(r.name(), detailed, devices).orElse(null));
  }

  /** {@code read} called at most once, on first use. */
  private static <T> Supplier<T> once(Supplier<T> read) {
    return new Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = read.get();
        }
        return value;
      }
    };
  }
}
