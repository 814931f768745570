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
 * @param appliedBy who applied this revision (from the revision history); null if not known
 */
public record DeploymentRecord(
    String name,
    long revision,
    String specJson,
    String contentHash,
    Instant createdAt,
    Instant updatedAt,
    String appliedBy) {
  public DeploymentRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(specJson, "specJson");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** A revision whose author is not recorded. */
  public DeploymentRecord(
      String name,
      long revision,
      String specJson,
      String contentHash,
      Instant createdAt,
      Instant updatedAt) {
    this(name, revision, specJson, contentHash, createdAt, updatedAt, null);
  }
}
