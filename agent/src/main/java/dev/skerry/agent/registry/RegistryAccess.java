package dev.skerry.agent.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * How the agent reaches one registry ({@code host:port}): a login and the CA that signed its
 * certificate, each optional. The password is given inline or, better, as a file read at each login
 * (so it can be rotated without a restart). {@link #toString()} never shows the password.
 *
 * @param username null for anonymous pulls
 * @param password inline password, or null
 * @param passwordFile file whose first line is the password, or null
 * @param caFile PEM file with the CA(s) trusted for this registry in addition to the system's, or
 *     null
 */
public record RegistryAccess(String username, String password, Path passwordFile, Path caFile) {

  /** Anonymous, system CAs only. */
  public static final RegistryAccess NONE = new RegistryAccess(null, null, null, null);

  public boolean hasLogin() {
    return username != null;
  }

  /**
   * The {@code Authorization: Basic} value. An unreadable password file is a failure that names the
   * file, not its content.
   */
  String basicAuthorization(String registry) {
    String secret = password;
    if (passwordFile != null) {
      try {
        secret =
            Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
      } catch (IOException e) {
        throw RegistryException.permanentFailure(
            RegistryErrors.UNAUTHORIZED,
            "cannot read the password file " + passwordFile + " for registry " + registry,
            null);
      }
    }
    String pair = username + ":" + (secret == null ? "" : secret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "RegistryAccess[username="
        + username
        + ", password="
        + (password == null ? "none" : "****")
        + ", passwordFile="
        + passwordFile
        + ", caFile="
        + caFile
        + "]";
  }
}
