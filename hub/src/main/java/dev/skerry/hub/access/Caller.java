package dev.skerry.hub.access;

import dev.skerry.hub.access.AccessStore.AuditEntry;
import java.time.Instant;
import java.util.Objects;

/**
 * Who made a request and from where: what an audit entry records beside the action. {@code address}
 * and {@code userAgent} may be null; the user agent is cut to 200 printable characters.
 */
public record Caller(Principal principal, String address, String userAgent) {
  static final int MAX_USER_AGENT = 200;

  public Caller {
    Objects.requireNonNull(principal, "principal");
    if (userAgent != null) {
      userAgent = userAgent.replaceAll("[^\\x20-\\x7e]", "");
      if (userAgent.length() > MAX_USER_AGENT) {
        userAgent = userAgent.substring(0, MAX_USER_AGENT);
      }
    }
  }

  /** The audit entry for {@code action} on {@code object} at {@code at}, no revision. */
  public AuditEntry entry(String action, String object, Instant at) {
    return new AuditEntry(
        at, principal.user(), principal.credential(), action, object, address, userAgent, null);
  }
}
