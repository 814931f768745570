package dev.skerry.hub.security;

import dev.skerry.hub.security.IdentityStore.Consumed;
import dev.skerry.hub.security.IdentityStore.Refused;
import dev.skerry.hub.security.IdentityStore.TokenOutcome;
import dev.skerry.hub.security.IdentityStore.TokenRecord;
import java.time.Instant;

/** Whether a stored join token may enroll a device now. Pure; both stores use it. */
final class TokenRules {
  private TokenRules() {}

  static TokenOutcome check(TokenRecord token, String deviceId, Instant now) {
    if (token == null) {
      return new Refused("unknown", null);
    }
    if (!now.isBefore(token.expiresAt())) {
      return new Refused("expired", token);
    }
    if (token.usesLeft() <= 0) {
      return new Refused("used", token);
    }
    if (token.deviceId().isPresent() && !token.deviceId().get().equals(deviceId)) {
      return new Refused("mismatch", token);
    }
    return new Consumed(token);
  }
}
