package dev.skerry.agent.app;

import dev.skerry.agent.security.Enroller;
import dev.skerry.agent.security.EnrollmentAnswer;
import dev.skerry.agent.security.EnrollmentRefused;
import dev.skerry.agent.security.IdentityFiles;
import dev.skerry.agent.security.JoinTokenInput;
import dev.skerry.core.identity.JoinToken;
import java.io.PrintStream;

/**
 * {@code skerry-agent join --hub-api URL --join-token(-file) ... [--data-dir D]}: enrolls once,
 * stores the identity and exits; 0 when enrolled (or already), 1 when the hub refused, 2 on bad
 * options. Waits and retries while the hub is unreachable.
 */
final class JoinCommand {
  private JoinCommand() {}

  static int run(String[] args, ConfigLoader loader, PrintStream out, PrintStream err) {
    AgentConfig config;
    try {
      config = loader.load(args);
    } catch (ConfigException e) {
      err.println("skerry-agent join: " + e.getMessage());
      return 2;
    }
    IdentityFiles identities = new IdentityFiles(config.dataDir());
    if (identities.exists()) {
      out.println(
          "already enrolled as "
              + IdentityFiles.storedDeviceId(config.dataDir()).orElse("?")
              + " (identity in "
              + identities.dir()
              + ")");
      return 0;
    }
    JoinToken token = JoinTokenInput.resolve(config.joinToken(), config.joinTokenFile());
    if (token == null || config.hubApi() == null) {
      err.println("skerry-agent join: needs --hub-api URL and --join-token or --join-token-file");
      return 2;
    }
    try {
      EnrollmentAnswer e =
          new Enroller(identities, config.hubApi(), token).enroll(config.deviceId());
      out.println(
          "enrolled as "
              + e.deviceId()
              + "; identity in "
              + identities.dir()
              + (e.mqttUrl() == null ? "" : "; broker " + e.mqttUrl()));
      return 0;
    } catch (EnrollmentRefused e) {
      err.println("skerry-agent join: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
