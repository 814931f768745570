package dev.skerry.core.wire;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The observed state of a workload on a device ({@link WorkloadStatus#state()}). */
public enum WorkloadState {
  PENDING("pending"),
  PULLING("pulling"),
  RUNNING("running"),
  EXITED("exited"),
  FAILED("failed");

  private final String wireName;

  WorkloadState(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire and in the API, e.g. {@code pending}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The value of a wire name; empty for null or an unknown name. */
  public static Optional<WorkloadState> of(String wireName) {
    return Arrays.stream(values()).filter(v -> v.wireName.equals(wireName)).findFirst();
  }

  /** The wire names, as an error message lists them: {@code a, b or c}. */
  public static String choices() {
    List<String> names = Arrays.stream(values()).map(WorkloadState::wireName).toList();
    return String.join(", ", names.subList(0, names.size() - 1))
        + " or "
        + names.get(names.size() - 1);
  }
}
