package dev.skerry.agent.runtime;

import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.containerd.services.containers.v1.Container;
import dev.skerry.containerd.services.containers.v1.ContainersGrpc;
import dev.skerry.containerd.services.containers.v1.ListContainersRequest;
import dev.skerry.containerd.services.tasks.v1.ListTasksRequest;
import dev.skerry.containerd.services.tasks.v1.TasksGrpc;
import dev.skerry.containerd.types.task.Process;
import dev.skerry.containerd.types.task.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What runs: the Skerry-labelled containers of the namespace joined with their tasks (two list
 * calls, whatever the number of containers), and whether a stopped task died of OOM.
 */
final class ObservedState {
  private final ContainerdClient client;
  private final OomTracker oom;

  ObservedState(ContainerdClient client, OomTracker oom) {
    this.client = client;
    this.oom = oom;
  }

  List<dev.skerry.agent.reconcile.Container> list() {
    List<Container> containers =
        client
            .call(
                ContainersGrpc.getListMethod(),
                ListContainersRequest.newBuilder()
                    .addFilters("labels.\"" + ContainerIds.LABEL_WORKLOAD + "\"")
                    .build())
            .getContainersList();
    Map<String, Process> tasks = new HashMap<>();
    for (Process p :
        client
            .call(TasksGrpc.getListMethod(), ListTasksRequest.getDefaultInstance())
            .getTasksList()) {
      // Tasks.List fills only the process id, which for a task is its container id.
      tasks.put(p.getContainerId().isEmpty() ? p.getId() : p.getContainerId(), p);
    }
    List<dev.skerry.agent.reconcile.Container> out = new ArrayList<>(containers.size());
    for (Container c : containers) {
      Process task = tasks.get(c.getId());
      out.add(observed(c, task, task != null && oom.killed(c.getId(), task)));
    }
    return out;
  }

  static dev.skerry.agent.reconcile.Container observed(Container c, Process task) {
    return observed(c, task, false);
  }

  static dev.skerry.agent.reconcile.Container observed(
      Container c, Process task, boolean oomKilled) {
    Map<String, String> labels = c.getLabelsMap();
    long revision;
    try {
      revision = Long.parseLong(labels.getOrDefault(ContainerIds.LABEL_REVISION, "0"));
    } catch (NumberFormatException e) {
      revision = 0;
    }
    TaskState state = task == null ? TaskState.NONE : state(task.getStatus());
    boolean stopped = state == TaskState.STOPPED;
    return new dev.skerry.agent.reconcile.Container(
        c.getId(),
        labels.get(ContainerIds.LABEL_WORKLOAD),
        revision,
        labels.get(ContainerIds.LABEL_SPEC_HASH),
        c.getImage(),
        state,
        stopped ? task.getExitStatus() : null,
        stopped && task.hasExitedAt()
            ? Instant.ofEpochSecond(task.getExitedAt().getSeconds(), task.getExitedAt().getNanos())
            : null,
        Map.copyOf(labels),
        stopped && oomKilled);
  }

  static TaskState state(Status status) {
    return switch (status) {
      case CREATED -> TaskState.CREATED;
      case RUNNING -> TaskState.RUNNING;
      case STOPPED -> TaskState.STOPPED;
      case PAUSED, PAUSING -> TaskState.PAUSED;
      default -> TaskState.UNKNOWN;
    };
  }
}
