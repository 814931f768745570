package dev.skerry.agent.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host tool (mkfs.ext4, mount, umount, fallocate) and waits for it. The JDK has no call for
 * a loop mount; these are part of every Debian base system (util-linux, e2fsprogs).
 */
final class HostCommand {
  private static final long TIMEOUT_SECONDS = 120;

  private HostCommand() {}

  /**
   * @throws TransientFailure {@code reason} with the tool's output when it fails or hangs
   */
  static void run(String reason, String what, List<String> argv) {
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new TransientFailure(reason, what + ": cannot run " + argv.get(0) + ": " + e, e);
    }
    try {
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readNBytes(8192);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new TransientFailure(reason, what + ": " + argv.get(0) + " did not finish");
      }
      if (p.exitValue() != 0) {
        throw new TransientFailure(
            reason,
            what
                + ": "
                + String.join(" ", argv)
                + " exited with "
                + p.exitValue()
                + ": "
                + new String(out, StandardCharsets.UTF_8).strip());
      }
    } catch (IOException e) {
      throw new TransientFailure(reason, what + ": " + argv.get(0) + ": " + e, e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new TransientFailure(reason, what + ": interrupted", e);
    }
  }
}
