package dev.skerry.agent.runtime;

import dev.skerry.core.wire.WorkloadSpec;
import java.util.Objects;

/**
 * A container to create: the workload as desired, the image it resolved to and the labels that tie
 * it to the desired state.
 *
 * @param id the containerd container id, see {@link ContainerIds}
 * @param revision deployment revision, stored as label {@code skerry.revision}
 * @param specHash hash of the workload spec, stored as label {@code skerry.spec-hash}
 */
public record ContainerSpec(
    String id,
    String deployment,
    long revision,
    String specHash,
    WorkloadSpec workload,
    ResolvedImage image) {
  public ContainerSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(image, "image");
  }

  /** The same container with the image config's user replaced (a name resolved to numbers). */
  ContainerSpec withImageUser(String user) {
    ResolvedImage.ImageConfig c = image.config();
    ResolvedImage.ImageConfig changed =
        new ResolvedImage.ImageConfig(
            c.entrypoint(), c.cmd(), c.env(), c.workingDir(), user, c.labels());
    return new ContainerSpec(
        id,
        deployment,
        revision,
        specHash,
        workload,
        new ResolvedImage(
            image.reference(), image.digest(), image.chainId(), changed, image.sizeBytes()));
  }
}
