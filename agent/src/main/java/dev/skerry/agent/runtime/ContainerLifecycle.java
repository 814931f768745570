package dev.skerry.agent.runtime;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.skerry.containerd.services.containers.v1.Container;
import dev.skerry.containerd.services.containers.v1.ContainersGrpc;
import dev.skerry.containerd.services.containers.v1.CreateContainerRequest;
import dev.skerry.containerd.services.containers.v1.DeleteContainerRequest;
import dev.skerry.containerd.services.containers.v1.GetContainerRequest;
import dev.skerry.containerd.services.snapshots.v1.PrepareSnapshotRequest;
import dev.skerry.containerd.services.snapshots.v1.RemoveSnapshotRequest;
import dev.skerry.containerd.services.snapshots.v1.SnapshotsGrpc;
import dev.skerry.containerd.types.Mount;
import dev.skerry.core.wire.WorkloadSpec;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * A container from spec to removal: its OCI spec (with a named image user resolved in its own
 * rootfs), its rootfs snapshot and container record under a lease, adopting what an earlier agent
 * run left if it carries Skerry's labels; its host devices stat-ed, named volumes mounted ({@link
 * LoopVolumes}) and files written ({@link WorkloadFiles}); then its task ({@link TaskLifecycle}).
 * Removal kills the task first, since containerd deletes a container with a running task and
 * orphans the task.
 */
final class ContainerLifecycle {
  static final String RUNC = "io.containerd.runc.v2";
  static final String SPEC_TYPE = "types.containerd.io/opencontainers/runtime-spec/1/Spec";
  private static final Logger LOG = Logger.getLogger(ContainerLifecycle.class.getName());

  private final ContainerdClient client;
  private final TaskLifecycle tasks;
  private final String namespace;
  private final List<Path> allowedHostPaths;
  private final LoopVolumes volumes;
  private final WorkloadFiles files;

  ContainerLifecycle(
      ContainerdClient client,
      TaskLifecycle tasks,
      List<Path> allowedHostPaths,
      LoopVolumes volumes,
      WorkloadFiles files) {
    this.client = client;
    this.tasks = tasks;
    this.namespace = client.namespace();
    this.allowedHostPaths = List.copyOf(allowedHostPaths);
    this.volumes = volumes;
    this.files = files;
  }

  void createAndStart(ContainerSpec spec) {
    WorkloadSpec w = spec.workload();
    // The workload's user replaces the image's, as docker run --user does.
    String user = w.user() != null ? w.user() : spec.image().config().user();
    boolean named = user != null && !user.isEmpty() && !ImageUsers.numeric(user);
    ContainerSpec numeric = named || w.user() == null ? spec : spec.withImageUser(user);
    List<DeviceNode> devices =
        w.devicesOrEmpty().stream().map(d -> DeviceNode.stat(w.name(), d)).toList();
    HostSources sources = new HostSources(devices, volumes.mountsDir(), files.dirOf(spec.id()));
    // Checked before anything is created (mounts, args); a named user is resolved later.
    byte[] ociSpec =
        SpecBuilder.json(
            named ? spec.withImageUser("0") : numeric, namespace, allowedHostPaths, sources);
    String lease = Leases.create(client, "create", Duration.ofMinutes(10));
    try {
      prepareRootfs(spec, lease);
      ImageUsers.Ids ids =
          named
              ? resolveUser(spec, user)
              : user == null || user.isEmpty()
                  ? new ImageUsers.Ids(0, 0)
                  : ImageUsers.resolve(user, null, null, w.name());
      if (named) {
        ociSpec =
            SpecBuilder.json(spec.withImageUser(ids.spec()), namespace, allowedHostPaths, sources);
      }
      for (WorkloadSpec.Volume v : w.volumesOrEmpty()) {
        volumes.ensure(v.name(), v.sizeMiB(), ids.uid(), ids.gid());
      }
      files.write(spec.id(), w.filesOrEmpty(), ids.uid(), ids.gid());
      createContainer(spec, ociSpec, lease);
    } finally {
      Leases.delete(client, lease);
    }
    tasks.start(spec.id());
  }

  /** A user name from the image config, looked up in the rootfs' /etc/passwd and /etc/group. */
  private ImageUsers.Ids resolveUser(ContainerSpec spec, String user) {
    List<Mount> rootfs = tasks.mounts(spec.id());
    return ImageUsers.resolve(
        user,
        RootfsFiles.read(rootfs, "etc/passwd"),
        RootfsFiles.read(rootfs, "etc/group"),
        spec.workload().name());
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
      Container existing = get(spec.id());
      if (!existing.getLabelsMap().containsKey(ContainerIds.LABEL_WORKLOAD)) {
        throw new PermanentFailure(
            "CreateFailed", "container " + spec.id() + " exists and is not Skerry's");
      }
      LOG.info(() -> "container " + spec.id() + " already exists; adopting it");
    }
  }

  Container get(String id) {
    return client
        .call(ContainersGrpc.getGetMethod(), GetContainerRequest.newBuilder().setId(id).build())
        .getContainer();
  }

  /** A new task for a container whose task has exited. */
  void restart(String containerId) {
    remountVolumes(containerId);
    tasks.delete(containerId);
    tasks.start(containerId);
  }

  /**
   * Mounts the volumes the container's spec names again if the box rebooted since it was created: a
   * task started on an unmounted mount point would write beside the volume, not into it.
   */
  private void remountVolumes(String containerId) {
    String prefix = volumes.mountsDir() + "/";
    for (String source : VolumeSources.of(get(containerId).getSpec().getValue(), prefix)) {
      volumes.mountIfExists(source.substring(prefix.length()));
    }
  }

  /** Stops the task if needed and removes the task, the container and its snapshot. */
  void remove(String containerId) {
    Container container = null;
    try {
      container = get(containerId);
    } catch (ContainerdException e) {
      if (!e.is(GrpcStatus.NOT_FOUND)) {
        throw e;
      }
    }
    if (container != null && !container.getLabelsMap().containsKey(ContainerIds.LABEL_WORKLOAD)) {
      throw new PermanentFailure(
          "NotOurs", "container " + containerId + " has no Skerry labels; not touching it");
    }
    tasks.killIfRunning(containerId);
    tasks.delete(containerId);
    ContainerdErrors.ignoring(
        GrpcStatus.NOT_FOUND,
        () ->
            client.call(
                ContainersGrpc.getDeleteMethod(),
                DeleteContainerRequest.newBuilder().setId(containerId).build()));
    ContainerdErrors.ignoring(
        GrpcStatus.NOT_FOUND,
        () ->
            client.call(
                SnapshotsGrpc.getRemoveMethod(),
                RemoveSnapshotRequest.newBuilder()
                    .setSnapshotter(ImagePuller.SNAPSHOTTER)
                    .setKey(containerId)
                    .build()));
    files.delete(containerId);
  }
}
