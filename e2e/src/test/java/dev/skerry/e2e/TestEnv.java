package dev.skerry.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** The real components the end-to-end tests run against, as dev/testenv.sh exports them. */
final class TestEnv {
  private TestEnv() {}

  static String require(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          name
              + " is not set: run the tests through dev/test.sh, which starts containerd and"
              + " the registry and exports it");
    }
    return value;
  }

  static Path containerdSocket() {
    return Path.of(require("SKERRY_IT_CONTAINERD_SOCKET"));
  }

  static String registry() {
    return require("SKERRY_IT_REGISTRY");
  }

  static String image() {
    return require("SKERRY_IT_IMAGE");
  }

  static String imageV2() {
    return require("SKERRY_IT_IMAGE_V2");
  }

  static Path jar(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(property + " is not set; run through Maven (failsafe)");
    }
    return Path.of(value).toAbsolutePath().normalize();
  }

  static Path logs() {
    return Path.of(System.getProperty("skerry.e2e.logs", "target/e2e-logs"));
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
