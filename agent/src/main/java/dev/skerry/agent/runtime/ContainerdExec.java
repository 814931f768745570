package dev.skerry.agent.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.skerry.agent.health.ExecResult;
import dev.skerry.agent.health.ExecRunner;
import dev.skerry.containerd.services.containers.v1.ContainersGrpc;
import dev.skerry.containerd.services.containers.v1.GetContainerRequest;
import dev.skerry.containerd.services.tasks.v1.DeleteProcessRequest;
import dev.skerry.containerd.services.tasks.v1.ExecProcessRequest;
import dev.skerry.containerd.services.tasks.v1.KillRequest;
import dev.skerry.containerd.services.tasks.v1.StartRequest;
import dev.skerry.containerd.services.tasks.v1.TasksGrpc;
import dev.skerry.containerd.services.tasks.v1.WaitRequest;
import dev.skerry.containerd.services.tasks.v1.WaitResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a command in a running container's task with {@code Tasks.Exec}, as {@code ctr task exec}
 * does: the process spec is the container's own (env, cwd, user, capabilities) with the probe's
 * argv. Output goes to a file under the data dir that is read (its start only) and deleted. Every
 * call is asynchronous; the process is killed at the timeout and always deleted afterwards.
 */
final class ContainerdExec implements ExecRunner {
  private static final Logger LOG = Logger.getLogger(ContainerdExec.class.getName());
  static final String PROCESS_TYPE = "types.containerd.io/opencontainers/runtime-spec/1/Process";
  private static final int SIGKILL = 9;
  private static final int SNIPPET_BYTES = 256;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final ContainerdClient client;
  private final Path outputDir;

  ContainerdExec(Vertx vertx, ContainerdClient client, Path outputDir) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.client = Objects.requireNonNull(client, "client");
    this.outputDir = outputDir.toAbsolutePath();
  }

  @Override
  public CompletableFuture<ExecResult> exec(
      String containerId, List<String> argv, Duration timeout) {
    // Exec ids follow the container id rules: letters, digits and single dashes.
    String execId = "probe-" + UUID.randomUUID().toString().replace("-", "");
    Path output = outputDir.resolve(containerId + "." + execId + ".out");
    CompletableFuture<ExecResult> result = new CompletableFuture<>();
    AtomicBoolean timedOut = new AtomicBoolean();
    client
        .callAsync(
            ContainersGrpc.getGetMethod(),
            GetContainerRequest.newBuilder().setId(containerId).build(),
            null)
        .compose(
            got -> {
              try {
                Files.createDirectories(outputDir);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              String out = "file://" + output;
              return client
                  .callAsync(
                      TasksGrpc.getExecMethod(),
                      ExecProcessRequest.newBuilder()
                          .setContainerId(containerId)
                          .setExecId(execId)
                          .setStdout(out)
                          .setStderr(out)
                          .setSpec(process(got.getContainer().getSpec().getValue(), argv))
                          .build(),
                      null)
                  .compose(created -> run(containerId, execId, timeout, timedOut))
                  .eventually(() -> deleteProcess(containerId, execId));
            })
        .onComplete(
            done -> {
              // A few hundred bytes of a local file: cheap enough for the event loop.
              String snippet = readAndDelete(output);
              if (timedOut.get()) {
                result.completeExceptionally(
                    new TimeoutException("timed out after " + timeout.toSeconds() + "s"));
              } else if (done.succeeded()) {
                result.complete(new ExecResult(done.result().getExitStatus(), snippet));
              } else {
                result.completeExceptionally(done.cause());
              }
            });
    return result;
  }

  /** Waits (asked before Start, so no exit is missed), starts, and kills at the timeout. */
  private Future<WaitResponse> run(
      String containerId, String execId, Duration timeout, AtomicBoolean timedOut) {
    Future<WaitResponse> exited =
        client.callAsync(
            TasksGrpc.getWaitMethod(),
            WaitRequest.newBuilder().setContainerId(containerId).setExecId(execId).build(),
            null);
    return client
        .callAsync(
            TasksGrpc.getStartMethod(),
            StartRequest.newBuilder().setContainerId(containerId).setExecId(execId).build(),
            null)
        .compose(
            started -> {
              long timer =
                  vertx.setTimer(
                      Math.max(1, timeout.toMillis()),
                      t -> {
                        timedOut.set(true);
                        client.callAsync(
                            TasksGrpc.getKillMethod(),
                            KillRequest.newBuilder()
                                .setContainerId(containerId)
                                .setExecId(execId)
                                .setSignal(SIGKILL)
                                .build(),
                            null);
                      });
              return exited.onComplete(done -> vertx.cancelTimer(timer));
            });
  }

  private Future<Void> deleteProcess(String containerId, String execId) {
    return client
        .callAsync(
            TasksGrpc.getDeleteProcessMethod(),
            DeleteProcessRequest.newBuilder().setContainerId(containerId).setExecId(execId).build(),
            null)
        .<Void>mapEmpty()
        .otherwise(
            e -> {
              LOG.log(Level.FINE, "delete of exec " + execId + " failed", e);
              return null;
            });
  }

  /** The container's process spec with {@code argv} as its args, without a terminal. */
  static Any process(ByteString containerSpec, List<String> argv) {
    try {
      ObjectNode spec = (ObjectNode) JSON.readTree(containerSpec.toByteArray());
      ObjectNode process =
          spec.has("process") ? (ObjectNode) spec.get("process") : JSON.createObjectNode();
      process.put("terminal", false);
      process.remove("consoleSize");
      process.set("args", JSON.valueToTree(argv));
      return Any.newBuilder()
          .setTypeUrl(PROCESS_TYPE)
          .setValue(ByteString.copyFrom(JSON.writeValueAsBytes(process)))
          .build();
    } catch (IOException | ClassCastException e) {
      throw new PermanentFailure("ExecFailed", "container spec is not usable: " + e, e);
    }
  }

  private static String readAndDelete(Path output) {
    try (InputStream in = Files.newInputStream(output)) {
      return new String(in.readNBytes(SNIPPET_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException e) {
        LOG.log(Level.FINE, "cannot delete " + output, e);
      }
    }
  }
}
