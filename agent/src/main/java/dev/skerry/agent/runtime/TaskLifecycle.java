package dev.skerry.agent.runtime;

import dev.skerry.containerd.services.snapshots.v1.MountsRequest;
import dev.skerry.containerd.services.snapshots.v1.SnapshotsGrpc;
import dev.skerry.containerd.services.tasks.v1.CreateTaskRequest;
import dev.skerry.containerd.services.tasks.v1.DeleteTaskRequest;
import dev.skerry.containerd.services.tasks.v1.GetRequest;
import dev.skerry.containerd.services.tasks.v1.KillRequest;
import dev.skerry.containerd.services.tasks.v1.StartRequest;
import dev.skerry.containerd.services.tasks.v1.TasksGrpc;
import dev.skerry.containerd.services.tasks.v1.WaitRequest;
import dev.skerry.containerd.services.tasks.v1.WaitResponse;
import dev.skerry.containerd.types.Mount;
import dev.skerry.containerd.types.task.Process;
import dev.skerry.containerd.types.task.Status;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * A container's task: created and started (adopting a task that survived an agent restart,
 * replacing a stopped one), stopped with SIGTERM then SIGKILL, killed and deleted. Output goes to
 * the container's log file under the data dir.
 */
final class TaskLifecycle {
  private static final Logger LOG = Logger.getLogger(TaskLifecycle.class.getName());
  private static final int SIGTERM = 15;
  private static final int SIGKILL = 9;
  private static final Duration KILL_WAIT = Duration.ofSeconds(30);

  private final ContainerdClient client;
  private final Path logsDir;
  private final OomTracker oom;

  TaskLifecycle(ContainerdClient client, Path dataDir, OomTracker oom) {
    this.client = client;
    this.logsDir = dataDir.resolve("logs").toAbsolutePath();
    this.oom = oom;
  }

  /** The mounts of a snapshot (a container's rootfs is the snapshot named by its id). */
  List<Mount> mounts(String key) {
    return client
        .call(
            SnapshotsGrpc.getMountsMethod(),
            MountsRequest.newBuilder().setSnapshotter(ImagePuller.SNAPSHOTTER).setKey(key).build())
        .getMountsList();
  }

  /** Creates and starts the task, adopting a running one and replacing a stopped one. */
  void start(String id) {
    List<Mount> rootfs = mounts(id);
    String log = "file://" + logFile(id);
    CreateTaskRequest create =
        CreateTaskRequest.newBuilder()
            .setContainerId(id)
            .addAllRootfs(rootfs)
            .setStdout(log)
            .setStderr(log)
            .build();
    try {
      client.call(TasksGrpc.getCreateMethod(), create);
    } catch (ContainerdException e) {
      if (!e.is(GrpcStatus.ALREADY_EXISTS)) {
        throw e;
      }
      Process existing = get(id);
      Status status = existing == null ? Status.UNKNOWN : existing.getStatus();
      if (status == Status.RUNNING || status == Status.PAUSED) {
        LOG.info(() -> "task " + id + " is already running; adopting it");
        return;
      }
      if (status != Status.CREATED) {
        delete(id);
        client.call(TasksGrpc.getCreateMethod(), create);
      }
    }
    client.call(TasksGrpc.getStartMethod(), StartRequest.newBuilder().setContainerId(id).build());
  }

  Path logFile(String id) {
    try {
      Files.createDirectories(logsDir);
    } catch (IOException e) {
      throw new TransientFailure("CreateFailed", "cannot create log directory " + logsDir, e);
    }
    return logsDir.resolve(id + ".log");
  }

  /** SIGTERM, then SIGKILL after {@code grace}; returns when the task has exited. */
  void stop(String id, Duration grace) {
    Future<WaitResponse> exited = waitAsync(id);
    if (!kill(id, SIGTERM, false)) {
      return;
    }
    try {
      ContainerdClient.await(exited, grace, TasksGrpc.getWaitMethod());
      return;
    } catch (ContainerdException e) {
      if (e.is(GrpcStatus.NOT_FOUND)) {
        return; // the task went away meanwhile
      }
      if (!e.is(GrpcStatus.DEADLINE_EXCEEDED)) {
        throw e;
      }
    }
    LOG.info(() -> id + " ignored SIGTERM for " + grace + "; sending SIGKILL");
    kill(id, SIGKILL, true);
    awaitExit(exited);
  }

  /** SIGKILL to every process of a task that has not stopped; returns when it has exited. */
  void killIfRunning(String id) {
    Process task = get(id);
    if (task != null && task.getStatus() != Status.STOPPED) {
      Future<WaitResponse> exited = waitAsync(id);
      kill(id, SIGKILL, true);
      awaitExit(exited);
    }
  }

  private Future<WaitResponse> waitAsync(String id) {
    return client.callAsync(
        TasksGrpc.getWaitMethod(), WaitRequest.newBuilder().setContainerId(id).build(), null);
  }

  private static void awaitExit(Future<WaitResponse> exited) {
    try {
      ContainerdClient.await(exited, KILL_WAIT, TasksGrpc.getWaitMethod());
    } catch (ContainerdException e) {
      if (!e.is(GrpcStatus.NOT_FOUND)) {
        throw e;
      }
    }
  }

  /** Sends a signal; false if there is no task. A process that already exited is fine. */
  private boolean kill(String id, int signal, boolean all) {
    try {
      client.call(
          TasksGrpc.getKillMethod(),
          KillRequest.newBuilder().setContainerId(id).setSignal(signal).setAll(all).build());
      return true;
    } catch (ContainerdException e) {
      if (e.is(GrpcStatus.NOT_FOUND) && get(id) == null) {
        return false;
      }
      if (e.is(GrpcStatus.NOT_FOUND) || e.is(GrpcStatus.FAILED_PRECONDITION)) {
        return true;
      }
      throw e;
    }
  }

  /** The task of a container, or null if it has none. */
  Process get(String id) {
    try {
      return client
          .call(TasksGrpc.getGetMethod(), GetRequest.newBuilder().setContainerId(id).build())
          .getProcess();
    } catch (ContainerdException e) {
      if (e.is(GrpcStatus.NOT_FOUND)) {
        return null;
      }
      throw e;
    }
  }

  /** Deletes a stopped task (none is fine); the next task starts with a clean OOM record. */
  void delete(String id) {
    oom.forget(id);
    ContainerdErrors.ignoring(
        GrpcStatus.NOT_FOUND,
        () ->
            client.call(
                TasksGrpc.getDeleteMethod(),
                DeleteTaskRequest.newBuilder().setContainerId(id).build()));
  }
}
