package dev.skerry.hub.api;

import dev.skerry.core.labels.LabelSelector;
import dev.skerry.hub.fleet.DeviceQuery;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The query parameters of {@code GET /api/v1/devices}: {@code labelSelector}, {@code
 * state=online|offline}, {@code limit} (default 500, 1..1000) and {@code continue}, the opaque
 * token of the previous page. Every bad parameter is reported at once, as a 400.
 */
final class DeviceListParams {
  static final int DEFAULT_LIMIT = 500;
  static final int MAX_LIMIT = 1000;
  private static final String TOKEN_PREFIX = "v1:";

  private DeviceListParams() {}

  /** Parses {@code params} (each name to its values). */
  static DeviceQuery parse(Map<String, List<String>> params) {
    List<String> errors = new ArrayList<>();
    for (var e : params.entrySet()) {
      if (e.getValue().size() > 1) {
        errors.add(e.getKey() + ": given more than once");
      }
    }
    LabelSelector selector = new LabelSelector(List.of());
    String text = first(params, "labelSelector");
    if (text != null && !text.isBlank()) {
      try {
        selector = LabelSelector.parse(text);
      } catch (IllegalArgumentException e) {
        errors.add("labelSelector: " + e.getMessage() + "; use k=v, k!=v, k or !k");
      }
    }
    Optional<Boolean> online = Optional.empty();
    String state = first(params, "state");
    if (state != null) {
      switch (state) {
        case "online" -> online = Optional.of(true);
        case "offline" -> online = Optional.of(false);
        default -> errors.add("state: '" + state + "' must be online or offline");
      }
    }
    int limit = DEFAULT_LIMIT;
    String limitText = first(params, "limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
        if (limit < 1 || limit > MAX_LIMIT) {
          errors.add("limit: " + limit + " must be between 1 and " + MAX_LIMIT);
        }
      } catch (NumberFormatException e) {
        errors.add("limit: '" + limitText + "' is not a number");
      }
    }
    String after = null;
    String token = first(params, "continue");
    if (token != null && !token.isEmpty()) {
      after = afterId(token);
      if (after == null) {
        errors.add("continue: not a token this hub issued; start again without it");
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiError(400, "invalid", "the device list parameters are not valid", errors);
    }
    return new DeviceQuery(selector, online, limit, after);
  }

  /** The token that continues after {@code lastId}. */
  static String token(String lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((TOKEN_PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
  }

  private static String afterId(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      return text.startsWith(TOKEN_PREFIX) && text.length() > TOKEN_PREFIX.length()
          ? text.substring(TOKEN_PREFIX.length())
          : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
