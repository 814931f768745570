package dev.skerry.proto.msg;

import java.util.Objects;

/**
 * One workload of a device's desired document, with the deployment it comes from and the deployment
 * revision it belongs to (the value of the container label {@code skerry.revision}).
 */
public record DesiredWorkload(String deployment, long revision, WorkloadSpec spec) {
  public DesiredWorkload {
    Objects.requireNonNull(spec, "spec");
  }

  public String name() {
    return spec.name();
  }
}
