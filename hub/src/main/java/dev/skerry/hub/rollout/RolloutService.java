package dev.skerry.hub.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skerry.core.concurrent.RunsOn;
import dev.skerry.core.spec.RolloutStrategy;
import dev.skerry.core.wire.StatusReport;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.hub.deploy.Deployment;
import dev.skerry.hub.store.DeploymentRecord;
import dev.skerry.hub.store.DeviceRecord;
import dev.skerry.hub.store.HubStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rollouts: starts one for every new deployment revision, steps the active ones against the
 * devices' reports (on a timer and after changes), and carries out pause, resume and rollback.
 * Every method that changes state must run on the hub's control loop (the caller's job); each step
 * is written in one transaction, so a restarted hub continues exactly where it stopped.
 */
@RunsOn("skerry-hub-control")
public final class RolloutService {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutService.class);

  private final HubStore store;
  private final Runnable recompose;
  private final Clock clock;
  // When this process began following rollouts: deadlines do not count the hub's own downtime.
  private final Instant watchingSince;
  private final RolloutMetrics metrics;
  private final Map<String, ParsedReport> reports = new ConcurrentHashMap<>();
  private long ticks;

  /** Complete and failed rollouts are followed on one tick in this many. */
  static final int SETTLED_EVERY = 10;

  private record ParsedReport(long seq, StatusReport report) {}

  /**
   * @param recompose recomposes every device's desired document (called after a step that changed
   *     which devices get which revision)
   */
  public RolloutService(HubStore store, Runnable recompose, Clock clock, RolloutMetrics metrics) {
    this.store = Objects.requireNonNull(store, "store");
    this.recompose = Objects.requireNonNull(recompose, "recompose");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.watchingSince = now();
  }

  /**
   * Starts the rollout of a deployment's new revision. The stable revision is what the devices
   * outside the rollout keep: the revision of the last complete rollout, or the stable revision of
   * an unfinished or rolled-back one, or (without any rollout yet) the revision that was current.
   * Does not recompose; the caller does.
   *
   * @param previous the deployment's current revision before this one, if it had one
   */
  public void begin(DeploymentRecord applied, Optional<DeploymentRecord> previous) {
    Optional<Rollout> before = store.rollout(applied.name()).map(RolloutRecords::of);
    long stable =
        before
            .map(r -> RolloutStates.COMPLETE.equals(r.state()) ? r.revision() : r.stableRevision())
            .orElse(previous.map(DeploymentRecord::revision).orElse(0L));
    Deployment d = Deployment.of(applied);
    RolloutStrategy strategy = RolloutStrategy.of(d.strategy());
    WaveStepper.Step step =
        WaveStepper.start(
            applied.name(),
            applied.revision(),
            stable,
            strategy,
            candidates(d, applied.revision(), store.devices()),
            now());
    before.ifPresent(
        r -> {
          if (RolloutStates.active(r.state())) {
            LOG.info(
                "Deployment {}: rollout of revision {} superseded by revision {}",
                applied.name(),
                r.revision(),
                applied.revision());
          }
        });
    write(step, true);
    metrics.started.incrementAndGet();
  }

  /**
   * Steps every active rollout; every {@link #SETTLED_EVERY}th call also the complete and failed
   * ones, whose devices' statuses still follow (a device that was offline catches up later).
   * Recomposes once if any step asks for it.
   */
  public void tick() {
    boolean changed = false;
    boolean settledToo = ticks++ % SETTLED_EVERY == 0;
    List<DeviceRecord> devices = null; // read once per tick, and only when a rollout needs it
    for (Rollout r : store.rollouts().stream().map(RolloutRecords::of).toList()) {
      if (RolloutStates.active(r.state())
          || (settledToo && !RolloutStates.ROLLEDBACK.equals(r.state()))) {
        if (devices == null) {
          devices = store.devices();
        }
        changed |= stepOne(r, devices);
      }
    }
    if (changed) {
      recompose.run();
    }
  }

  /** Pauses the rollout of a deployment. */
  public Rollout pause(String name) {
    return manual(name, r -> WaveStepper.pause(r, now()));
  }

  /** Resumes the paused rollout of a deployment. */
  public Rollout resume(String name) {
    return manual(name, r -> WaveStepper.resume(r, now()));
  }

  /** Gives every device of a deployment its stable revision again. */
  public Rollout rollback(String name) {
    Rollout r = manual(name, current -> WaveStepper.rollback(current, now()));
    metrics.rolledBack.incrementAndGet();
    return r;
  }

  /**
   * What the API shows of a deployment's rollout; empty if it never had one.
   *
   * @param detailed with per-device statuses and the newest events
   * @param devices the fleet, asked for only when the deployment has a rollout (so that listing
   *     many deployments can read the devices once)
   */
  public Optional<RolloutView> view(
      String name, boolean detailed, Supplier<List<DeviceRecord>> devices) {
    Optional<Rollout> rollout = store.rollout(name).map(RolloutRecords::of);
    Optional<DeploymentRecord> deployment = store.deployment(name);
    if (rollout.isEmpty() || deployment.isEmpty()) {
      return Optional.empty();
    }
    Deployment d = Deployment.of(deployment.get());
    int targeted =
        (int)
            devices.get().stream()
                .filter(device -> d.selector().matches(device.effectiveLabels()))
                .count();
    return Optional.of(
        RolloutView.of(
            rollout.get(),
            RolloutStrategy.of(d.strategy()),
            targeted,
            store.rolloutDevices(name).stream().map(RolloutRecords::of).toList(),
            detailed
                ? store.rolloutEvents(name, 50).stream().map(RolloutRecords::of).toList()
                : List.of(),
            detailed));
  }

  private Rollout manual(String name, Function<Rollout, WaveStepper.Step> action) {
    Rollout r =
        store
            .rollout(name)
            .map(RolloutRecords::of)
            .orElseThrow(
                () -> new IllegalStateException("deployment '" + name + "' has no rollout"));
    WaveStepper.Step step = action.apply(r);
    write(step, false);
    LOG.info(
        "Deployment {}: rollout {} ({})", name, step.rollout().state(), step.rollout().message());
    if (step.recompose()) {
      recompose.run();
    }
    return step.rollout();
  }

  private boolean stepOne(Rollout r, List<DeviceRecord> devices) {
    Optional<DeploymentRecord> current =
        store.deployment(r.name()).filter(d -> d.revision() == r.revision());
    if (current.isEmpty()) {
      return false; // superseded or deleted; begin() or delete handled it
    }
    Deployment d = Deployment.of(current.get());
    Map<String, RolloutMember> members =
        store.rolloutDevices(r.name()).stream()
            .map(RolloutRecords::of)
            .collect(Collectors.toMap(RolloutMember::deviceId, m -> m));
    WaveStepper.Step step =
        WaveStepper.step(
            r,
            RolloutStrategy.of(d.strategy()),
            candidates(d, r.revision(), devices),
            members,
            now(),
            watchingSince);
    if (step.rollout().equals(r) && step.changed().isEmpty() && step.events().isEmpty()) {
      return false;
    }
    write(step, false);
    if (!step.rollout().state().equals(r.state())) {
      LOG.info(
          "Deployment {}: rollout of revision {} is {}{}",
          r.name(),
          r.revision(),
          step.rollout().state(),
          step.rollout().message() == null ? "" : " (" + step.rollout().message() + ")");
      switch (step.rollout().state()) {
        case RolloutStates.COMPLETE -> metrics.completed.incrementAndGet();
        case RolloutStates.ROLLEDBACK -> metrics.rolledBack.incrementAndGet();
        case RolloutStates.FAILED -> metrics.failed.incrementAndGet();
        default -> {}
      }
    }
    if (step.rollout().wave() != r.wave()) {
      metrics.wavesPromoted.incrementAndGet();
    }
    return step.recompose();
  }

  private void write(WaveStepper.Step step, boolean fresh) {
    Rollout stamped = step.rollout().updatedAt(now());
    step.events().forEach(e -> LOG.info("Deployment {}: {}: {}", e.name(), e.kind(), e.message()));
    store.applyRollout(RolloutRecords.change(step, stamped, fresh));
  }

  /** The devices the deployment's selector targets, with their progress on {@code revision}. */
  private List<Candidate> candidates(Deployment d, long revision, List<DeviceRecord> devices) {
    List<String> workloads = d.workloads().stream().map(WorkloadSpec::name).toList();
    Set<String> checked =
        d.workloads().stream()
            .filter(w -> w.healthCheck() != null)
            .map(WorkloadSpec::name)
            .collect(Collectors.toSet());
    List<Candidate> out = new ArrayList<>();
    for (DeviceRecord device : devices) {
      if (d.selector().matches(device.effectiveLabels())) {
        out.add(
            new Candidate(
                device.id(),
                device.online(),
                ProgressReader.read(report(device), d.name(), revision, workloads, checked)));
      }
    }
    return out;
  }

  /** The device's last report, parsed once per report. */
  private StatusReport report(DeviceRecord device) {
    if (device.lastReportJson() == null) {
      return null;
    }
    ParsedReport cached = reports.get(device.id());
    if (cached != null && cached.seq() == device.reportSeq()) {
      return cached.report();
    }
    try {
      StatusReport report =
          WireJson.mapper().readValue(device.lastReportJson(), StatusReport.class);
      reports.put(device.id(), new ParsedReport(device.reportSeq(), report));
      return report;
    } catch (JsonProcessingException e) {
      LOG.warn("Device {}: stored report is not readable: {}", device.id(), e.getMessage());
      return null;
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
