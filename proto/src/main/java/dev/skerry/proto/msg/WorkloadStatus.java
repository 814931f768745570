package dev.skerry.proto.msg;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Observed state of one workload on a device, as the agent reports it and the hub shows it.
 *
 * @param state pending | pulling | running | exited | failed
 * @param health healthy | unhealthy | unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkloadStatus(
    String name,
    String deployment,
    long revision,
    String image,
    String imageDigest,
    String state,
    int restarts,
    String health,
    Integer exitCode,
    String message) {}
