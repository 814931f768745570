package dev.skerry.agent.reconcile;

import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.DesiredWorkload.Rollout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, per workload, whether the agent runs the desired workload or goes back to its
 * last-known-good one. Pure: same inputs, same decision.
 *
 * <p>A desired spec that differs from the last-known-good one is an update on probation from the
 * pass that first sees it. If it is not ready within {@code progressDeadlineSeconds} and {@code
 * autoRollback} is on, the agent gives up on it: the attempt is marked failed and, from then on,
 * the last-known-good workload runs in its place until the desired document brings another spec.
 * With no last-known-good (a first install) or with {@code autoRollback} off there is nothing to go
 * back to: the desired workload stays, and its status says that the deadline passed. When the
 * desired spec is the last-known-good one again, the attempt is forgotten.
 */
public final class RollbackPolicy {

  /**
   * What to run and what to remember.
   *
   * @param effective the desired state with every rolled-back workload replaced by its
   *     last-known-good one
   * @param notes by workload, what its status should say about its update
   * @param save attempts to store (new ones and ones given up on in this pass)
   * @param delete workloads whose attempt is to be forgotten
   * @param rolledBack workloads given up on in this pass (each deserves a local event)
   * @param nextDeadline the earliest progress deadline still to come, if any
   */
  public record Decision(
      DesiredState effective,
      Map<String, RolloutNote> notes,
      List<RolloutAttempt> save,
      Set<String> delete,
      List<RolledBack> rolledBack,
      Optional<Instant> nextDeadline) {
    public Decision {
      notes = Map.copyOf(notes);
      save = List.copyOf(save);
      delete = Set.copyOf(delete);
      rolledBack = List.copyOf(rolledBack);
    }

    /** Whether any workload runs its last-known-good in place of the desired one. */
    public boolean rolledBackAny() {
      return notes.values().stream().anyMatch(n -> n.failedRevision() != null);
    }
  }

  /** A workload the agent gave up on in this pass. */
  public record RolledBack(String workload, long fromRevision, long toRevision, String why) {}

  /**
   * @param lastKnownGood by workload
   * @param attempts by workload, as stored
   * @param readiness by workload, of the desired workload (not of its last-known-good)
   */
  public Decision decide(
      DesiredState desired,
      Map<String, LastKnownGood> lastKnownGood,
      Map<String, RolloutAttempt> attempts,
      Map<String, Readiness> readiness,
      Instant now) {
    Builder out = new Builder();
    if (!desired.known()) {
      return out.build(desired);
    }
    Set<String> names = new HashSet<>();
    List<DesiredWorkload> effective = new ArrayList<>();
    for (DesiredWorkload w : desired.workloads()) {
      names.add(w.name());
      effective.add(
          decide(
              w,
              lastKnownGood.get(w.name()),
              attempts.get(w.name()),
              readiness.getOrDefault(w.name(), Readiness.notReady("not observed yet")),
              now,
              out));
    }
    attempts.keySet().stream().filter(n -> !names.contains(n)).forEach(out.delete::add);
    return out.build(new DesiredState(desired.revision(), effective));
  }

  private DesiredWorkload decide(
      DesiredWorkload w,
      LastKnownGood good,
      RolloutAttempt attempt,
      Readiness readiness,
      Instant now,
      Builder out) {
    String hash = SpecHash.of(w.spec());
    if (good != null && good.specHash().equals(hash)) {
      if (attempt != null) {
        out.delete.add(w.name()); // back on the last-known-good spec: forget the marks
      }
      return w;
    }
    if (attempt == null || !attempt.specHash().equals(hash)) {
      attempt = RolloutAttempt.started(w.name(), hash, w.revision(), now);
      out.save.add(attempt);
    }
    boolean canRollBack = good != null && good.canRollBackTo();
    if (attempt.failed() && canRollBack) {
      return rolledBack(attempt, good, out);
    }
    if (readiness.ready()) {
      return w; // the reconciler makes it the new last-known-good
    }
    Rollout rollout = w.rolloutOrDefault();
    Instant deadline =
        attempt.startedAt().plus(Duration.ofSeconds(rollout.progressDeadlineSeconds()));
    String why = readiness.why() == null ? "not ready" : readiness.why();
    if (now.isBefore(deadline)) {
      out.deadline(deadline);
      return w;
    }
    if (rollout.autoRollback() && canRollBack) {
      RolloutAttempt failed =
          attempt.failed(
              now, "not ready within " + rollout.progressDeadlineSeconds() + " s: " + why);
      out.save.removeIf(a -> a.workload().equals(w.name()));
      out.save.add(failed);
      out.rolledBack.add(
          new RolledBack(w.name(), failed.revision(), good.revision(), failed.failure()));
      return rolledBack(failed, good, out);
    }
    out.notes.put(
        w.name(),
        new RolloutNote(
            null,
            "progress deadline of " + rollout.progressDeadlineSeconds() + " s passed: " + why));
    return w;
  }

  private static DesiredWorkload rolledBack(
      RolloutAttempt failed, LastKnownGood good, Builder out) {
    out.notes.put(
        failed.workload(),
        new RolloutNote(
            failed.revision(),
            "rolled back from revision " + failed.revision() + ": " + failed.failure()));
    return good.desired();
  }

  /** Collects one decision. */
  private static final class Builder {
    final Map<String, RolloutNote> notes = new HashMap<>();
    final List<RolloutAttempt> save = new ArrayList<>();
    final Set<String> delete = new HashSet<>();
    final List<RolledBack> rolledBack = new ArrayList<>();
    Instant nextDeadline;

    void deadline(Instant at) {
      if (nextDeadline == null || at.isBefore(nextDeadline)) {
        nextDeadline = at;
      }
    }

    Decision build(DesiredState effective) {
      return new Decision(
          effective, notes, save, delete, rolledBack, Optional.ofNullable(nextDeadline));
    }
  }
}
