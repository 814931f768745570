package dev.skerry.hub.fleet;

import dev.skerry.core.labels.LabelSelector;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page request over the registry: devices whose effective labels match {@code selector} and, if
 * given, whose online state is {@code online}, ordered by id, after {@code afterId} (null: from the
 * start), at most {@code limit}.
 */
public record DeviceQuery(
    LabelSelector selector, Optional<Boolean> online, int limit, String afterId) {
  public DeviceQuery {
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(online, "online");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1: " + limit);
    }
  }

  /** Every device, {@code limit} at a time. */
  public static DeviceQuery all(int limit) {
    return new DeviceQuery(new LabelSelector(List.of()), Optional.empty(), limit, null);
  }
}
