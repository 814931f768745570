package dev.skerry.agent.runtime;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.skerry.agent.health.ExecResult;
import dev.skerry.agent.health.ExecRunner;
import dev.skerry.agent.runtime.ObservedContainer.TaskState;
import dev.skerry.containerd.services.containers.v1.Container;
import dev.skerry.containerd.services.containers.v1.ContainersGrpc;
import dev.skerry.containerd.services.containers.v1.CreateContainerRequest;
import dev.skerry.containerd.services.containers.v1.DeleteContainerRequest;
import dev.skerry.containerd.services.containers.v1.GetContainerRequest;
import dev.skerry.containerd.services.containers.v1.ListContainersRequest;
import dev.skerry.containerd.services.namespaces.v1.CreateNamespaceRequest;
import dev.skerry.containerd.services.namespaces.v1.Namespace;
import dev.skerry.containerd.services.namespaces.v1.NamespacesGrpc;
import dev.skerry.containerd.services.snapshots.v1.MountsRequest;
import dev.skerry.containerd.services.snapshots.v1.PrepareSnapshotRequest;
import dev.skerry.containerd.services.snapshots.v1.RemoveSnapshotRequest;
import dev.skerry.containerd.services.snapshots.v1.SnapshotsGrpc;
import dev.skerry.containerd.services.tasks.v1.CreateTaskRequest;
import dev.skerry.containerd.services.tasks.v1.DeleteTaskRequest;
import dev.skerry.containerd.services.tasks.v1.GetRequest;
import dev.skerry.containerd.services.tasks.v1.KillRequest;
import dev.skerry.containerd.services.tasks.v1.ListTasksRequest;
import dev.skerry.containerd.services.tasks.v1.StartRequest;
import dev.skerry.containerd.services.tasks.v1.TasksGrpc;
import dev.skerry.containerd.services.tasks.v1.WaitRequest;
import dev.skerry.containerd.services.tasks.v1.WaitResponse;
import dev.skerry.containerd.types.Mount;
import dev.skerry.containerd.types.task.Process;
import dev.skerry.containerd.types.task.Status;
import dev.skerry.core.spec.ImageReference;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link ContainerRuntime} on containerd's gRPC API. Blocking methods run on the caller's worker
 * thread; exit events arrive on the event loop of the Vertx given in.
 */
public final class ContainerdRuntime implements ContainerRuntime, ExecRunner {
  static final String RUNC = "io.containerd.runc.v2";
  static final String SPEC_TYPE = "types.containerd.io/opencontainers/runtime-spec/1/Spec";
  private static final Logger LOG = Logger.getLogger(ContainerdRuntime.class.getName());
  private static final int SIGTERM = 15;
  private static final int SIGKILL = 9;
  private static final Duration KILL_WAIT = Duration.ofSeconds(30);

  private final RuntimeConfig config;
  private final Vertx vertx;
  private final ContainerdClient client;
  private final RegistryClient registry;
  private final ImagePuller puller;
  private final LocalImages images;
  private final ImageCollector collector;
  private final Cgroups cgroups = Cgroups.host();
  private final OomTracker oom;
  private final ExitWatcher exits;
  private final ContainerdExec exec;
  private final List<Consumer<ExitEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, SharedPull> pulls = new ConcurrentHashMap<>();
  private final AtomicInteger pullsStarted = new AtomicInteger();
  private volatile boolean namespaceReady;

  /** Connects lazily; starts following exit events at once (asynchronously). */
  public ContainerdRuntime(Vertx vertx, RuntimeConfig config) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.config = Objects.requireNonNull(config, "config");
    this.client = new ContainerdClient(vertx, config.socket(), config.namespace());
    this.registry =
        new RegistryClient(
            vertx, config.insecureRegistries(), config.registries(), config.registryCa());
    this.puller = new ImagePuller(client, registry, config.platform(), config.storage());
    this.images = new LocalImages(client, config.platform());
    this.collector = new ImageCollector(client, config.storage());
    this.oom = new OomTracker(cgroups, config.namespace());
    this.exits =
        new ExitWatcher(
            client,
            this::dispatch,
            this::resync,
            id -> {
              LOG.info(() -> "container " + id + " hit its memory limit (OOM kill)");
              oom.record(id);
            });
    this.exec = new ContainerdExec(vertx, client, config.dataDir().resolve("exec"));
    exits.start();
  }

  @Override
  public ResolvedImage ensureImage(String reference, PullProgress progress) {
    ImageReference ref = ImageReferences.parse(reference);
    ensureNamespace();
    ResolvedImage present = images.find(reference, ref);
    if (present != null) {
      return present;
    }
    SharedPull mine = new SharedPull();
    SharedPull running = pulls.putIfAbsent(ref.canonical(), mine);
    if (running != null) {
      running.watch(progress);
      ResolvedImage shared = join(running.result);
      return new ResolvedImage(
          reference, shared.digest(), shared.chainId(), shared.config(), shared.sizeBytes());
    }
    mine.watch(progress);
    try {
      pullsStarted.incrementAndGet();
      ResolvedImage pulled = puller.pull(reference, ref, mine);
      mine.result.complete(pulled);
      return pulled;
    } catch (RuntimeException | Error e) {
      mine.result.completeExceptionally(e);
      throw e;
    } finally {
      pulls.remove(ref.canonical(), mine);
    }
  }

  private static ResolvedImage join(CompletableFuture<ResolvedImage> pull) {
    try {
      return pull.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("ImagePullFailed", "interrupted while waiting for a pull", true, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeFailure rf) {
        throw rf;
      }
      throw new RuntimeFailure("ImagePullFailed", String.valueOf(e.getCause()), true, e.getCause());
    }
  }

  @Override
  public List<String> collectImages(Set<String> keepReferences) {
    ensureNamespace();
    return collector.collect(keepReferences);
  }

  @Override
  public ResolvedImage findImage(String reference) {
    ImageReference ref = ImageReferences.parse(reference);
    return images.find(reference, ref);
  }

  @Override
  public List<ObservedContainer> list() {
    ensureNamespace();
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
    List<ObservedContainer> out = new ArrayList<>(containers.size());
    for (Container c : containers) {
      Process task = tasks.get(c.getId());
      out.add(observed(c, task, task != null && oom.killed(c.getId(), task)));
    }
    return out;
  }

  static ObservedContainer observed(Container c, Process task) {
    return observed(c, task, false);
  }

  static ObservedContainer observed(Container c, Process task, boolean oomKilled) {
    Map<String, String> labels = c.getLabelsMap();
    long revision;
    try {
      revision = Long.parseLong(labels.getOrDefault(ContainerIds.LABEL_REVISION, "0"));
    } catch (NumberFormatException e) {
      revision = 0;
    }
    TaskState state = task == null ? TaskState.NONE : state(task.getStatus());
    boolean stopped = state == TaskState.STOPPED;
    return new ObservedContainer(
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

  /** The memory limit runc set on the container's cgroup, in bytes; empty if none or gone. */
  public java.util.OptionalLong memoryLimit(String containerId) {
    return cgroups.memoryLimit(Cgroups.pathOf(config.namespace(), containerId));
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

  /** Runs a command in the container's running task (health probes); never blocks. */
  @Override
  public CompletableFuture<ExecResult> exec(
      String containerId, List<String> argv, Duration timeout) {
    return exec.exec(containerId, argv, timeout);
  }

  @Override
  public void createAndStart(ContainerSpec spec) {
    ensureNamespace();
    String user = spec.image().config().user();
    boolean named = user != null && !user.isEmpty() && !ImageUsers.numeric(user);
    // Checked before anything is created (mounts, args); a named user is resolved later.
    byte[] ociSpec =
        SpecBuilder.json(
            named ? spec.withImageUser("0") : spec, config.namespace(), config.allowedHostPaths());
    String lease = Leases.create(client, "create", Duration.ofMinutes(10));
    try {
      prepareRootfs(spec, lease);
      if (named) {
        ociSpec =
            SpecBuilder.json(
                spec.withImageUser(resolveUser(spec, user).spec()),
                config.namespace(),
                config.allowedHostPaths());
      }
      createContainer(spec, ociSpec, lease);
    } finally {
      Leases.delete(client, lease);
    }
    startTask(spec.id());
  }

  /** A user name from the image config, looked up in the rootfs' /etc/passwd and /etc/group. */
  private ImageUsers.Ids resolveUser(ContainerSpec spec, String user) {
    List<Mount> rootfs = mounts(spec.id());
    return ImageUsers.resolve(
        user,
        RootfsFiles.read(rootfs, "etc/passwd"),
        RootfsFiles.read(rootfs, "etc/group"),
        spec.workload().name());
  }

  private List<Mount> mounts(String key) {
    return client
        .call(
            SnapshotsGrpc.getMountsMethod(),
            MountsRequest.newBuilder().setSnapshotter(ImagePuller.SNAPSHOTTER).setKey(key).build())
        .getMountsList();
  }

  private void prepareRootfs(ContainerSpec spec, String lease) {
    try {
      client.call(
          SnapshotsGrpc.getPrepareMethod(),
          PrepareSnapshotRequest.newBuilder()
              .setSnapshotter(ImagePuller.SNAPSHOTTER)
              .setKey(spec.id())
              .setParent(spec.image().chainId())
              .build(),
          lease);
    } catch (ContainerdException e) {
      if (!e.is(GrpcStatus.ALREADY_EXISTS)) {
        throw e;
      }
      LOG.info(() -> "rootfs snapshot " + spec.id() + " already exists; reusing it");
    }
  }

  private void createContainer(ContainerSpec spec, byte[] ociSpec, String lease) {
    Container.Builder c =
        Container.newBuilder()
            .setId(spec.id())
            .setImage(spec.image().reference())
            .setRuntime(Container.Runtime.newBuilder().setName(RUNC))
            .setSpec(Any.newBuilder().setTypeUrl(SPEC_TYPE).setValue(ByteString.copyFrom(ociSpec)))
            .setSnapshotter(ImagePuller.SNAPSHOTTER)
            .setSnapshotKey(spec.id())
            .putLabels(ContainerIds.LABEL_WORKLOAD, spec.workload().name())
            .putLabels(ContainerIds.LABEL_REVISION, Long.toString(spec.revision()));
    if (spec.specHash() != null) {
      c.putLabels(ContainerIds.LABEL_SPEC_HASH, spec.specHash());
    }
    if (spec.deployment() != null) {
      c.putLabels(ContainerIds.LABEL_DEPLOYMENT, spec.deployment());
    }
    try {
      client.call(
          ContainersGrpc.getCreateMethod(),
          CreateContainerRequest.newBuilder().setContainer(c).build(),
          lease);
    } catch (ContainerdException e) {
      if (!e.is(GrpcStatus.ALREADY_EXISTS)) {
        throw e;
      }
      // Left by an earlier agent run: adopt it if it is ours.
      Container existing = getContainer(spec.id());
      if (!existing.getLabelsMap().containsKey(ContainerIds.LABEL_WORKLOAD)) {
        throw new RuntimeFailure(
            "CreateFailed", "container " + spec.id() + " exists and is not Skerry's", false);
      }
      LOG.info(() -> "container " + spec.id() + " already exists; adopting it");
    }
  }

  Container getContainer(String id) {
    return client
        .call(ContainersGrpc.getGetMethod(), GetContainerRequest.newBuilder().setId(id).build())
        .getContainer();
  }

  /** Creates and starts the task, adopting a running one and replacing a stopped one. */
  private void startTask(String id) {
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
      Process existing = task(id);
      Status status = existing == null ? Status.UNKNOWN : existing.getStatus();
      if (status == Status.RUNNING || status == Status.PAUSED) {
        LOG.info(() -> "task " + id + " is already running; adopting it");
        return;
      }
      if (status != Status.CREATED) {
        deleteTask(id);
        client.call(TasksGrpc.getCreateMethod(), create);
      }
    }
    client.call(TasksGrpc.getStartMethod(), StartRequest.newBuilder().setContainerId(id).build());
  }

  Path logFile(String id) {
    Path dir = config.dataDir().resolve("logs").toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new RuntimeFailure("CreateFailed", "cannot create log directory " + dir, true, e);
    }
    return dir.resolve(id + ".log");
  }

  @Override
  public void restart(String containerId) {
    deleteTask(containerId);
    startTask(containerId);
  }

  @Override
  public void stop(String containerId, Duration grace) {
    Future<WaitResponse> exited = waitAsync(containerId);
    if (!kill(containerId, SIGTERM, false)) {
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
    LOG.info(() -> containerId + " ignored SIGTERM for " + grace + "; sending SIGKILL");
    kill(containerId, SIGKILL, true);
    awaitExit(exited);
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
      if (e.is(GrpcStatus.NOT_FOUND) && task(id) == null) {
        return false;
      }
      if (e.is(GrpcStatus.NOT_FOUND) || e.is(GrpcStatus.FAILED_PRECONDITION)) {
        return true;
      }
      throw e;
    }
  }

  @Override
  public void remove(String containerId) {
    Container container = null;
    try {
      container = getContainer(containerId);
    } catch (ContainerdException e) {
      if (!e.is(GrpcStatus.NOT_FOUND)) {
        throw e;
      }
    }
    if (container != null && !container.getLabelsMap().containsKey(ContainerIds.LABEL_WORKLOAD)) {
      throw new RuntimeFailure(
          "NotOurs", "container " + containerId + " has no Skerry labels; not touching it", false);
    }
    Process task = task(containerId);
    if (task != null && task.getStatus() != Status.STOPPED) {
      Future<WaitResponse> exited = waitAsync(containerId);
      kill(containerId, SIGKILL, true);
      awaitExit(exited);
    }
    deleteTask(containerId);
    ignoreNotFound(
        () ->
            client.call(
                ContainersGrpc.getDeleteMethod(),
                DeleteContainerRequest.newBuilder().setId(containerId).build()));
    ignoreNotFound(
        () ->
            client.call(
                SnapshotsGrpc.getRemoveMethod(),
                RemoveSnapshotRequest.newBuilder()
                    .setSnapshotter(ImagePuller.SNAPSHOTTER)
                    .setKey(containerId)
                    .build()));
  }

  Process task(String id) {
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

  private void deleteTask(String id) {
    oom.forget(id);
    ignoreNotFound(
        () ->
            client.call(
                TasksGrpc.getDeleteMethod(),
                DeleteTaskRequest.newBuilder().setContainerId(id).build()));
  }

  private static void ignoreNotFound(Runnable call) {
    try {
      call.run();
    } catch (ContainerdException e) {
      if (!e.is(GrpcStatus.NOT_FOUND)) {
        throw e;
      }
    }
  }

  private void ensureNamespace() {
    if (namespaceReady) {
      return;
    }
    try {
      client.call(
          NamespacesGrpc.getCreateMethod(),
          CreateNamespaceRequest.newBuilder()
              .setNamespace(Namespace.newBuilder().setName(config.namespace()))
              .build());
    } catch (ContainerdException e) {
      if (!e.is(GrpcStatus.ALREADY_EXISTS)) {
        throw e;
      }
    }
    namespaceReady = true;
  }

  @Override
  public void onExit(Consumer<ExitEvent> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private void dispatch(ExitEvent event) {
    for (Consumer<ExitEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "exit listener failed on " + event, e);
      }
    }
  }

  /** After a broken event stream: report tasks that stopped meanwhile (receivers dedupe). */
  private void resync() {
    vertx
        .executeBlocking(
            () -> {
              for (ObservedContainer c : list()) {
                if (c.task() == TaskState.STOPPED && c.exitCode() != null) {
                  dispatch(new ExitEvent(c.id(), c.exitCode(), c.exitedAt()));
                }
              }
              return null;
            },
            false)
        .onFailure(e -> LOG.warning("resync after event stream break failed: " + e.getMessage()));
  }

  /** The gRPC client, for integration tests that read containerd back. */
  RuntimeConfig config() {
    return config;
  }

  ContainerdClient client() {
    return client;
  }

  /** Pulls actually started (not shared, not found locally), for integration tests. */
  int pullsStarted() {
    return pullsStarted.get();
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
