package dev.skerry.hub.rollout;

import static dev.skerry.hub.rollout.RolloutStates.DEVICE_PENDING;
import static dev.skerry.hub.rollout.RolloutStates.DEVICE_UPDATING;

import dev.skerry.core.spec.RolloutStrategy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Which devices a wave takes in, in a fixed order. Pure. */
final class WaveAdmission {
  private WaveAdmission() {}

  /**
   * The devices wave {@code wave} adds (or, in the last wave, the newly targeted devices): enough
   * to reach its percentage of the targeted devices (at least one), online devices first, then in
   * an order fixed by a hash of deployment, revision and device id, so the same fleet always gives
   * the same waves.
   */
  static List<RolloutMember> admit(
      Rollout r,
      RolloutStrategy strategy,
      int wave,
      List<Candidate> targeted,
      Map<String, RolloutMember> members,
      Instant now) {
    int want =
        (int) Math.max(1, Math.ceil(strategy.waves().get(wave) * (double) targeted.size() / 100.0));
    long have = targeted.stream().filter(c -> members.containsKey(c.id())).count();
    return targeted.stream()
        .filter(c -> !members.containsKey(c.id()))
        .sorted(
            Comparator.comparing((Candidate c) -> !c.online())
                .thenComparing(c -> order(r.name(), r.revision(), c.id())))
        .limit(Math.max(0, want - have))
        .map(
            c ->
                new RolloutMember(
                    r.name(),
                    c.id(),
                    r.revision(),
                    wave,
                    now,
                    c.online() ? DEVICE_UPDATING : DEVICE_PENDING,
                    now,
                    c.online() ? null : "offline; takes the revision when it returns"))
        .toList();
  }

  static String order(String name, long revision, String id) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          md.digest((name + "\n" + revision + "\n" + id).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
