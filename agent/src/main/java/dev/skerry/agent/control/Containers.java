package dev.skerry.agent.control;

import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.runtime.ObservedContainer;

/** Maps what the runtime reports to the planner's own values; the one place that knows both. */
final class Containers {
  private Containers() {}

  static Container of(ObservedContainer c) {
    return new Container(
        c.id(),
        c.workload(),
        c.revision(),
        c.specHash(),
        c.image(),
        task(c.task()),
        c.exitCode(),
        c.exitedAt(),
        c.labels(),
        c.oomKilled());
  }

  // No default: a new runtime state must be mapped here before it compiles.
  private static Container.TaskState task(ObservedContainer.TaskState t) {
    return switch (t) {
      case NONE -> Container.TaskState.NONE;
      case CREATED -> Container.TaskState.CREATED;
      case RUNNING -> Container.TaskState.RUNNING;
      case STOPPED -> Container.TaskState.STOPPED;
      case PAUSED -> Container.TaskState.PAUSED;
      case UNKNOWN -> Container.TaskState.UNKNOWN;
    };
  }
}
