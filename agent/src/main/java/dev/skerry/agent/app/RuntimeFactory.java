package dev.skerry.agent.app;

import dev.skerry.agent.runtime.ContainerRuntime;
import dev.skerry.agent.runtime.RuntimeConfig;
import io.vertx.core.Vertx;

/** Makes the {@link ContainerRuntime}; tests pass one that returns a fake. */
@FunctionalInterface
public interface RuntimeFactory {
  ContainerRuntime create(Vertx vertx, RuntimeConfig config);

  /**
   * {@code new ContainerdRuntime(vertx, config)}. The adapter is written on a parallel branch;
   * until it is merged here this looks it up by name so the wiring compiles either way. Once
   * merged, replace the reflection with the plain constructor call.
   */
  static RuntimeFactory containerd() {
    return (vertx, config) -> {
      try {
        Class<?> type = Class.forName("dev.skerry.agent.runtime.ContainerdRuntime");
        return (ContainerRuntime)
            type.getConstructor(Vertx.class, RuntimeConfig.class).newInstance(vertx, config);
      } catch (ClassNotFoundException e) {
        return new UnavailableRuntime("this build has no containerd adapter");
      } catch (ReflectiveOperationException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new UnavailableRuntime("containerd adapter failed to start: " + cause);
      }
    };
  }
}
