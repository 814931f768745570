package dev.skerry.agent.sync;

import dev.skerry.core.wire.CommandResponse;
import java.util.List;

/**
 * What the hub may ask of a workload by command. Implemented in {@code app} over the runtime and
 * the log files; methods block and run on the command thread, never on a Paho thread.
 */
public interface WorkloadCommands {
  /** The result of one command: a {@link CommandResponse} status, a message, log lines. */
  record Outcome(String status, String message, List<String> lines) {
    public Outcome {
      lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public static Outcome ok(String message, List<String> lines) {
      return new Outcome(CommandResponse.OK, message, lines);
    }

    public static Outcome error(String status, String message) {
      return new Outcome(status, message, List.of());
    }
  }

  Outcome restart(String workload);

  Outcome logs(String workload, int tail);

  /** Deletes a named volume and its data; refused while a container has it mounted. */
  default Outcome deleteVolume(String volume) {
    return Outcome.error(CommandResponse.BAD_REQUEST, "this agent keeps no volumes");
  }
}
