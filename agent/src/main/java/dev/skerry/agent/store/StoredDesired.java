package dev.skerry.agent.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The desired document as it was received: its revision and the exact bytes, so that what the agent
 * acts on can always be compared byte for byte with what the hub sent.
 */
public record StoredDesired(long revision, byte[] document, Instant storedAt) {
  public StoredDesired {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(storedAt, "storedAt");
    document = document.clone();
  }

  @Override
  public byte[] document() {
    return document.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredDesired other
        && revision == other.revision
        && Arrays.equals(document, other.document)
        && storedAt.equals(other.storedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(revision, Arrays.hashCode(document), storedAt);
  }

  @Override
  public String toString() {
    return "StoredDesired[revision=" + revision + ", bytes=" + document.length + "]";
  }
}
