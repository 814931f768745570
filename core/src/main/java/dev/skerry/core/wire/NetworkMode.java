package dev.skerry.core.wire;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A workload's network: the host's ({@code host}, the default) or none at all ({@code none}). */
public enum NetworkMode {
  HOST("host"),
  NONE("none");

  private final String wireName;

  NetworkMode(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire and in the API, e.g. {@code host}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The value of a wire name; empty for null or an unknown name. */
  public static Optional<NetworkMode> of(String wireName) {
    return Arrays.stream(values()).filter(v -> v.wireName.equals(wireName)).findFirst();
  }

  /** The wire names, as an error message lists them: {@code a, b or c}. */
  public static String choices() {
    List<String> names = Arrays.stream(values()).map(NetworkMode::wireName).toList();
    return String.join(", ", names.subList(0, names.size() - 1))
        + " or "
        + names.get(names.size() - 1);
  }
}
