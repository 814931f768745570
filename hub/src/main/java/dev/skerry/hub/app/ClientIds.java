package dev.skerry.hub.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hub's MQTT client id: stable for one data directory (so the broker keeps its session across
 * restarts), different for two hubs with different data directories on one broker.
 */
public final class ClientIds {
  private ClientIds() {}

  public static String forDataDir(Path dataDir) {
    String path = dataDir.toAbsolutePath().normalize().toString();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
      return "skerry-hub-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
