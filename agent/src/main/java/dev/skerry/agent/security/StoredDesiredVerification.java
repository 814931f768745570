package dev.skerry.agent.security;

import dev.skerry.agent.security.DesiredAuthenticity.Held;
import dev.skerry.agent.security.DesiredAuthenticity.Refused;
import dev.skerry.agent.store.DesiredStateStore;
import dev.skerry.agent.store.StoredDesired;
import java.security.PublicKey;
import java.util.Collection;
import java.util.Optional;

/**
 * The boot check of decision 0010: the stored desired document must verify again with its stored
 * signature and the pinned keys, so that a tampered {@code agent.db} runs nothing.
 */
public final class StoredDesiredVerification {
  private StoredDesiredVerification() {}

  /** Why the stored document must not be acted on; empty if it verifies or there is none. */
  public static Optional<String> problem(
      DesiredStateStore store, String deviceId, Collection<PublicKey> keys) {
    Optional<StoredDesired> stored = store.desired();
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    DesiredAuthenticity.Verdict v =
        new DesiredAuthenticity(deviceId)
            .check(
                stored.get().document(), store.desiredSignature().orElse(null), keys, Held.NOTHING);
    return v instanceof Refused r
        ? Optional.of(
            "stored desired revision "
                + stored.get().revision()
                + " does not verify ("
                + r.reason()
                + "); not acted on until a valid document arrives")
        : Optional.empty();
  }
}
