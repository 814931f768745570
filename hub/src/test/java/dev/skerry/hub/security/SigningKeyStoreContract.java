package dev.skerry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.hub.security.SigningKeyStore.DeviceRotation;
import dev.skerry.hub.security.SigningKeyStore.KeyState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SigningKeyStore} does; run on each implementation. */
abstract class SigningKeyStoreContract {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  SigningKeyStore store;

  abstract SigningKeyStore open();

  @BeforeEach
  void openStore() {
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void recordsTheFirstKeyAsActiveOnce() {
    store.addActive("k1", T0);
    store.addActive("k1", T0.plusSeconds(5));
    assertThat(store.keys())
        .containsExactly(
            new KeyState("k1", SigningKeyStore.ACTIVE, T0, Optional.empty(), Optional.empty()));
  }

  @Test
  void aRotationMakesTheOldKeyRetiringAndListsTheDevicesToAcknowledge() {
    store.addActive("k1", T0);
    store.begin(
        "k1",
        "k2",
        T0.plusSeconds(60),
        T0.plusSeconds(3600),
        List.of(
            new DeviceRotation("a", 3, Optional.empty()),
            new DeviceRotation("b", 1, Optional.empty())));
    assertThat(store.keys())
        .extracting(KeyState::keyId, KeyState::state, KeyState::retireBy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "k1", SigningKeyStore.RETIRING, Optional.of(T0.plusSeconds(3600))),
            org.assertj.core.groups.Tuple.tuple("k2", SigningKeyStore.ACTIVE, Optional.empty()));
    store.acked("b", T0.plusSeconds(90));
    store.acked("b", T0.plusSeconds(99));
    assertThat(store.devices())
        .containsExactly(
            new DeviceRotation("a", 3, Optional.empty()),
            new DeviceRotation("b", 1, Optional.of(T0.plusSeconds(90))));
  }

  @Test
  void finishingRetiresTheOldKeyAndForgetsTheDevices() {
    store.addActive("k1", T0);
    store.begin(
        "k1",
        "k2",
        T0.plusSeconds(60),
        T0.plusSeconds(3600),
        List.of(new DeviceRotation("a", 3, Optional.empty())));
    store.finish("k1", T0.plusSeconds(120));
    assertThat(store.keys().get(0).state()).isEqualTo(SigningKeyStore.RETIRED);
    assertThat(store.keys().get(0).retiredAt()).contains(T0.plusSeconds(120));
    assertThat(store.devices()).isEmpty();
  }
}
