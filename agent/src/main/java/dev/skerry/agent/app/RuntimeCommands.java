package dev.skerry.agent.app;

import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.runtime.ContainerRuntime;
import dev.skerry.agent.runtime.LogFiles;
import dev.skerry.agent.runtime.RuntimeFailure;
import dev.skerry.agent.store.EventLog;
import dev.skerry.agent.sync.WorkloadCommands;
import dev.skerry.core.concurrent.RunsOn;
import dev.skerry.core.wire.CommandResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The hub's commands over the container runtime and the log files (the same files and tail code as
 * the local API's {@code /v1/workloads/{name}/logs}). Runs on the command thread.
 */
@RunsOn("skerry-commands")
final class RuntimeCommands implements WorkloadCommands {
  private final ContainerRuntime runtime;
  private final EventLog events;
  private final Path logsDir;

  RuntimeCommands(ContainerRuntime runtime, EventLog events, Path logsDir) {
    this.runtime = runtime;
    this.events = events;
    this.logsDir = logsDir;
  }

  @Override
  public Outcome restart(String workload) {
    Optional<Container> c =
        runtime.list().stream().filter(o -> workload.equals(o.workload())).findFirst();
    if (c.isEmpty()) {
      return Outcome.error(CommandResponse.NOT_FOUND, "no container of workload " + workload);
    }
    runtime.restart(c.get().id());
    events.logEvent(workload, "restarted", "restarted container " + c.get().id() + " on request");
    return Outcome.ok("restarted container " + c.get().id(), List.of());
  }

  @Override
  public Outcome deleteVolume(String volume) {
    if (runtime.volumes().stream().noneMatch(v -> v.name().equals(volume))) {
      return Outcome.error(CommandResponse.NOT_FOUND, "no volume " + volume);
    }
    try {
      runtime.deleteVolume(volume);
    } catch (RuntimeFailure e) {
      return Outcome.error(CommandResponse.FAILED, e.getMessage());
    }
    events.logEvent(null, "volume-deleted", "deleted volume " + volume + " on request");
    return Outcome.ok("deleted volume " + volume, List.of());
  }

  @Override
  public Outcome logs(String workload, int tail) {
    try {
      Optional<Path> log = LogFiles.current(logsDir, workload);
      if (log.isEmpty()) {
        return Outcome.error(CommandResponse.NOT_FOUND, "no log of workload " + workload);
      }
      return Outcome.ok(null, LogFiles.tail(log.get(), tail));
    } catch (IOException e) {
      return Outcome.error(CommandResponse.FAILED, "cannot read the log: " + e.getMessage());
    }
  }
}
