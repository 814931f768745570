package dev.skerry.agent.security;

import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The hub's document-signing keys this device trusts, as pinned in {@code
 * identity/signing-keys.pem}. Replaced only by a document that verified with a key already trusted
 * (rotation, decision 0010). Any thread.
 */
public final class PinnedSigningKeys {
  private static final Logger LOG = Logger.getLogger(PinnedSigningKeys.class.getName());
  private final IdentityFiles store;
  private volatile List<PublicKey> keys;

  public PinnedSigningKeys(IdentityFiles store) {
    this.store = Objects.requireNonNull(store, "store");
    this.keys = store.signingKeys();
  }

  public List<PublicKey> current() {
    return keys;
  }

  /** Pins {@code announced} in place of the current set, on disk first. */
  public synchronized void replace(List<PublicKey> announced) {
    if (announced.isEmpty() || announced.equals(keys)) {
      return;
    }
    store.saveSigningKeys(announced);
    keys = List.copyOf(announced);
    LOG.info(
        "signing keys rotated: now trusting "
            + announced.stream().map(dev.skerry.core.identity.Fingerprints::keyId).toList());
  }
}
