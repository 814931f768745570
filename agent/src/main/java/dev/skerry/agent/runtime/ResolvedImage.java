package dev.skerry.agent.runtime;

import java.util.List;
import java.util.Map;

/**
 * An image present in containerd's store and unpacked.
 *
 * @param reference the reference as the workload names it
 * @param digest the manifest digest chosen for this platform
 * @param chainId the top snapshot's chain id, the parent of a container's rootfs
 */
public record ResolvedImage(
    String reference, String digest, String chainId, ImageConfig config, long sizeBytes) {

  /** The parts of the OCI image config that shape a container's process. */
  public record ImageConfig(
      List<String> entrypoint,
      List<String> cmd,
      List<String> env,
      String workingDir,
      String user,
      Map<String, String> labels) {}
}
