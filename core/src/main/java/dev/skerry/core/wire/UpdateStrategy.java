package dev.skerry.core.wire;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How an update replaces a running container: stop the old one first (the default) or start the new
 * one beside it.
 */
public enum UpdateStrategy {
  STOP_FIRST("stop-first"),
  START_FIRST("start-first");

  private final String wireName;

  UpdateStrategy(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire and in the API, e.g. {@code stop-first}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The value of a wire name; empty for null or an unknown name. */
  public static Optional<UpdateStrategy> of(String wireName) {
    return Arrays.stream(values()).filter(v -> v.wireName.equals(wireName)).findFirst();
  }

  /** The wire names, as an error message lists them: {@code a, b or c}. */
  public static String choices() {
    List<String> names = Arrays.stream(values()).map(UpdateStrategy::wireName).toList();
    return String.join(", ", names.subList(0, names.size() - 1))
        + " or "
        + names.get(names.size() - 1);
  }
}
