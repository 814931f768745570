package dev.skerry.agent.runtime;

import dev.skerry.agent.health.ExecResult;
import dev.skerry.agent.health.ExecRunner;
import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.registry.RegistryClient;
import dev.skerry.containerd.types.task.Process;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@link ContainerRuntime} on containerd's gRPC API: a façade over image pulls ({@link
 * ImagePulls}), container and task lifecycle ({@link ContainerLifecycle}, {@link TaskLifecycle}),
 * exit dispatch ({@link ExitDispatch}) and the observed state ({@link ObservedState}). Every call
 * passes {@link RuntimeBoundary}, so failures are {@link TransientFailure}s or {@link
 * PermanentFailure}s. Blocking methods run on the caller's worker thread; exit events arrive on the
 * event loop of the Vertx given in.
 */
public final class ContainerdRuntime implements ContainerRuntime, ExecRunner {
  private final RuntimeConfig config;
  private final ContainerdClient client;
  private final RegistryClient registry;
  private final OwnNamespace namespace;
  private final ImagePulls pulls;
  private final ImageCollector collector;
  private final Cgroups cgroups = Cgroups.host();
  private final ObservedState observed;
  private final TaskLifecycle tasks;
  private final ContainerLifecycle containers;
  private final ExitDispatch exits;
  private final ContainerdExec exec;
  private final LoopVolumes volumes;

  /** Connects lazily; starts following exit events at once (asynchronously). */
  public ContainerdRuntime(Vertx vertx, RuntimeConfig config) {
    Objects.requireNonNull(vertx, "vertx");
    this.config = Objects.requireNonNull(config, "config");
    this.client = new ContainerdClient(vertx, config.socket(), config.namespace());
    this.registry =
        new RegistryClient(
            vertx, config.insecureRegistries(), config.registries(), config.registryCa());
    this.namespace = new OwnNamespace(client);
    this.pulls =
        new ImagePulls(
            namespace,
            new ImagePuller(client, registry, config.platform(), config.storage()),
            new LocalImages(client, config.platform()));
    this.collector = new ImageCollector(client, config.storage());
    OomTracker oom = new OomTracker(cgroups, config.namespace());
    this.observed = new ObservedState(client, oom);
    this.tasks = new TaskLifecycle(client, config.dataDir(), oom);
    this.volumes = new LoopVolumes(config.dataDir().resolve("volumes"));
    this.containers =
        new ContainerLifecycle(
            client,
            tasks,
            config.allowedHostPaths(),
            volumes,
            new WorkloadFiles(config.dataDir().resolve("files")));
    this.exits = new ExitDispatch(client, oom, this::list);
    this.exec = new ContainerdExec(vertx, client, config.dataDir().resolve("exec"));
    exits.start();
  }

  @Override
  public ResolvedImage ensureImage(String reference, PullProgress progress) {
    return RuntimeBoundary.call(() -> pulls.ensure(reference, progress));
  }

  @Override
  public List<String> collectImages(Set<String> keepReferences) {
    return RuntimeBoundary.call(
        () -> {
          namespace.ensure();
          return collector.collect(keepReferences);
        });
  }

  @Override
  public ResolvedImage findImage(String reference) {
    return RuntimeBoundary.call(() -> pulls.find(reference));
  }

  @Override
  public List<Container> list() {
    return RuntimeBoundary.call(
        () -> {
          namespace.ensure();
          return observed.list();
        });
  }

  /** The memory limit runc set on the container's cgroup, in bytes; empty if none or gone. */
  public OptionalLong memoryLimit(String containerId) {
    return cgroups.memoryLimit(Cgroups.pathOf(config.namespace(), containerId));
  }

  /** Runs a command in the container's running task (health probes); never blocks. */
  @Override
  public CompletableFuture<ExecResult> exec(
      String containerId, List<String> argv, Duration timeout) {
    return RuntimeBoundary.future(() -> exec.exec(containerId, argv, timeout));
  }

  @Override
  public void createAndStart(ContainerSpec spec) {
    RuntimeBoundary.run(
        () -> {
          namespace.ensure();
          containers.createAndStart(spec);
        });
  }

  @Override
  public void restart(String containerId) {
    RuntimeBoundary.run(() -> containers.restart(containerId));
  }

  @Override
  public void stop(String containerId, Duration grace) {
    RuntimeBoundary.run(() -> tasks.stop(containerId, grace));
  }

  @Override
  public void remove(String containerId) {
    RuntimeBoundary.run(() -> containers.remove(containerId));
  }

  @Override
  public void onExit(Consumer<ExitEvent> listener) {
    exits.onExit(listener);
  }

  @Override
  public List<VolumeUsage> volumes() {
    return RuntimeBoundary.call(volumes::usage);
  }

  @Override
  public void deleteVolume(String name) {
    RuntimeBoundary.run(() -> volumes.delete(name));
  }

  /** The named volumes of this box, for integration tests. */
  LoopVolumes loopVolumes() {
    return volumes;
  }

  /** The configuration, for integration tests. */
  RuntimeConfig config() {
    return config;
  }

  /** The gRPC client, for integration tests that read containerd back. */
  ContainerdClient client() {
    return client;
  }

  /** A container's task or null, for integration tests. */
  Process task(String id) {
    return RuntimeBoundary.call(() -> tasks.get(id));
  }

  /** Pulls actually started (not shared, not found locally), for integration tests. */
  int pullsStarted() {
    return pulls.started();
  }

  /** Registry response bytes so far, for integration tests. */
  long registryBytes() {
    return registry.bodyBytes();
  }

  /** Registry HTTP requests so far, for integration tests. */
  long registryRequests() {
    return registry.requestCount();
  }

  @Override
  public void close() {
    exits.close();
    registry.close();
    client.close();
  }
}
