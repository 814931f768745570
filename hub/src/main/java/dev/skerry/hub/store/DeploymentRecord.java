package dev.skerry.hub.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One revision of a deployment as stored.
 *
 * @param specJson the deployment as canonical JSON
 * @param contentHash hash of {@code specJson}; equal content, equal hash
 * @param createdAt when the deployment was first created (age decides workload conflicts)
 * @param updatedAt when this revision was made
 */
public record DeploymentRecord(
    String name,
    long revision,
    String specJson,
    String contentHash,
    Instant createdAt,
    Instant updatedAt) {
  public DeploymentRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(specJson, "specJson");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
