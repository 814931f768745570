package dev.skerry.agent.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skerry.agent.sync.WorkloadCommands.Outcome;
import dev.skerry.core.spec.Names;
import dev.skerry.core.wire.Command;
import dev.skerry.core.wire.CommandResponse;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves the hub's commands (MQTT 5 request/response): checks the request, runs it on the {@code
 * worker} (a restart or a log read may take a while; a Paho thread must not wait), and answers on
 * the request's response topic with its correlation data. A request without a response topic has no
 * one to answer; it is refused, not run.
 */
public final class CommandHandler {
  static final int MAX_BYTES = 16 * 1024;
  static final int MAX_TAIL = 10_000;

  /** Sends an answer; {@link MqttLink#respond} in production. */
  @FunctionalInterface
  public interface Responder {
    void respond(String responseTopic, byte[] correlation, byte[] payload);
  }

  private final String deviceId;
  private final WorkloadCommands commands;
  private final Responder responder;
  private final Executor worker;
  private final Refusals refusals;

  public CommandHandler(
      String deviceId,
      WorkloadCommands commands,
      Responder responder,
      Executor worker,
      Refusals refusals) {
    this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    this.commands = Objects.requireNonNull(commands, "commands");
    this.responder = Objects.requireNonNull(responder, "responder");
    this.worker = Objects.requireNonNull(worker, "worker");
    this.refusals = Objects.requireNonNull(refusals, "refusals");
  }

  /** Paho thread: checks, then hands the work over and returns. */
  public void accept(byte[] payload, String responseTopic, byte[] correlation) {
    if (responseTopic == null || responseTopic.isEmpty()) {
      refusals.refused(Topics.commands(deviceId), "command", "no response topic");
      return;
    }
    Command cmd;
    try {
      cmd = payload.length > MAX_BYTES ? null : WireJson.mapper().readValue(payload, Command.class);
    } catch (IOException e) {
      cmd = null;
    }
    String problem = problem(cmd, payload.length);
    String id = cmd == null ? null : cmd.id();
    if (problem != null) {
      refusals.refused(Topics.commands(deviceId), "command", problem);
      answer(responseTopic, correlation, id, Outcome.error(CommandResponse.BAD_REQUEST, problem));
      return;
    }
    Command ok = cmd;
    try {
      worker.execute(() -> answer(responseTopic, correlation, ok.id(), run(ok)));
    } catch (RejectedExecutionException e) {
      // shutting down; the hub times out
    }
  }

  /** Why the command cannot run, or null. Pure. */
  String problem(Command cmd, int size) {
    if (size > MAX_BYTES) {
      return "oversized: " + size + " bytes > " + MAX_BYTES;
    }
    if (cmd == null) {
      return "malformed command";
    }
    if (cmd.v() != Topics.PROTOCOL_VERSION) {
      return "unsupported protocol version v=" + cmd.v();
    }
    if (!deviceId.equals(cmd.deviceId())) {
      return "for device '" + cmd.deviceId() + "', not this one";
    }
    if (cmd.workload() == null || !Names.valid(cmd.workload())) {
      return "invalid workload name '" + cmd.workload() + "'";
    }
    if (Command.LOGS.equals(cmd.name())) {
      int tail = cmd.tail() == null ? 100 : cmd.tail();
      return tail < 1 || tail > MAX_TAIL ? "tail must be from 1 to " + MAX_TAIL : null;
    }
    return Command.RESTART.equals(cmd.name()) || Command.DELETE_VOLUME.equals(cmd.name())
        ? null
        : "unknown command '" + cmd.name() + "'";
  }

  private Outcome run(Command cmd) {
    try {
      return switch (cmd.name()) {
        case Command.LOGS -> commands.logs(cmd.workload(), cmd.tail() == null ? 100 : cmd.tail());
        case Command.DELETE_VOLUME -> commands.deleteVolume(cmd.workload());
        default -> commands.restart(cmd.workload());
      };
    } catch (RuntimeException e) {
      return Outcome.error(CommandResponse.FAILED, String.valueOf(e.getMessage()));
    }
  }

  private void answer(String topic, byte[] correlation, String id, Outcome outcome) {
    try {
      responder.respond(
          topic,
          correlation,
          WireJson.mapper()
              .writeValueAsBytes(
                  new CommandResponse(
                      Topics.PROTOCOL_VERSION,
                      deviceId,
                      id,
                      outcome.status(),
                      outcome.message(),
                      outcome.lines())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
