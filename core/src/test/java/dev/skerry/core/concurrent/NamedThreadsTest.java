package dev.skerry.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamedThreadsTest {
  @Test
  void namesTheThreadAndSetsItsDaemonFlag() {
    Thread daemon = NamedThreads.factory("skerry-x", true).newThread(() -> {});
    Thread user = NamedThreads.factory("skerry-y", false).newThread(() -> {});

    assertThat(daemon.getName()).isEqualTo("skerry-x");
    assertThat(daemon.isDaemon()).isTrue();
    assertThat(user.getName()).isEqualTo("skerry-y");
    assertThat(user.isDaemon()).isFalse();
  }
}
