package dev.skerry.agent.health;

import io.vertx.core.Future;

/** One check of one container: an HTTP GET, a TCP connect, or a command run inside it. */
public interface Probe {
  /**
   * Starts one check. Event loop only; never blocks. The future always succeeds, within the probe's
   * timeout: a refused connection, a bad status or a timeout is a failed {@link ProbeOutcome}, not
   * a failed future.
   */
  Future<ProbeOutcome> check();
}
