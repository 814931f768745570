package dev.skerry.core.wire;

import java.util.List;

/**
 * A device's answer to a {@link Command}, published on the request's response topic with its
 * correlation data.
 *
 * @param status {@code ok}, or an error code: {@code not_found} (no such workload or no log),
 *     {@code bad_request} (an unknown command or invalid arguments), {@code failed}
 * @param lines for {@code logs}: the last lines, oldest first
 */
public record CommandResponse(
    int v, String deviceId, String id, String status, String message, List<String> lines) {
  public static final String OK = "ok";
  public static final String NOT_FOUND = "not_found";
  public static final String BAD_REQUEST = "bad_request";
  public static final String FAILED = "failed";

  public CommandResponse {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }
}
