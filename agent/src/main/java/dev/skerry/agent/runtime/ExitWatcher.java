package dev.skerry.agent.runtime;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.skerry.containerd.events.TaskExit;
import dev.skerry.containerd.events.TaskOOM;
import dev.skerry.containerd.services.events.v1.Envelope;
import dev.skerry.containerd.services.events.v1.EventsGrpc;
import dev.skerry.containerd.services.events.v1.SubscribeRequest;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows containerd's {@code /tasks/exit} (and {@code /tasks/oom}) events of one namespace and
 * subscribes again, with back-off, whenever the stream breaks (containerd restarted). Events sent
 * while no stream was open are lost, so every re-subscription triggers {@code onResubscribed},
 * whose job is to resync from Tasks.List. Runs on the event loop; listeners are handed events there
 * and must not block.
 */
final class ExitWatcher implements AutoCloseable {
  static final String TASK_EXIT_TYPE = "containerd.events.TaskExit";
  static final String TASK_OOM_TYPE = "containerd.events.TaskOOM";
  private static final Logger LOG = Logger.getLogger(ExitWatcher.class.getName());
  private static final long MIN_BACKOFF_MS = 500;
  private static final long MAX_BACKOFF_MS = 30_000;

  private final ContainerdClient client;
  private final Vertx vertx;
  private final Consumer<ExitEvent> onExit;
  private final Runnable onResubscribed;
  private final Consumer<String> onOom;
  private volatile boolean closed;
  private volatile ContainerdClient.Subscription current;
  private long backoffMs = MIN_BACKOFF_MS;

  ExitWatcher(ContainerdClient client, Consumer<ExitEvent> onExit, Runnable onResubscribed) {
    this(client, onExit, onResubscribed, id -> {});
  }

  /** Also hands {@code onOom} the container id of every {@code /tasks/oom} event. */
  ExitWatcher(
      ContainerdClient client,
      Consumer<ExitEvent> onExit,
      Runnable onResubscribed,
      Consumer<String> onOom) {
    this.client = client;
    this.vertx = client.vertx();
    this.onExit = onExit;
    this.onResubscribed = onResubscribed;
    this.onOom = onOom;
  }

  static String filter(String namespace) {
    return "topic==\"/tasks/exit\",namespace==\"" + namespace + "\"";
  }

  static String oomFilter(String namespace) {
    return "topic==\"/tasks/oom\",namespace==\"" + namespace + "\"";
  }

  void start() {
    subscribe(false);
  }

  private void subscribe(boolean again) {
    if (closed) {
      return;
    }
    SubscribeRequest request =
        SubscribeRequest.newBuilder()
            .addFilters(filter(client.namespace()))
            .addFilters(oomFilter(client.namespace()))
            .build();
    current =
        client.subscribe(EventsGrpc.getSubscribeMethod(), request, this::onEnvelope, this::onEnd);
    if (again) {
      onResubscribed.run();
    }
  }

  private void onEnvelope(Envelope envelope) {
    backoffMs = MIN_BACKOFF_MS;
    String oom = decodeOom(envelope.getEvent());
    if (oom != null) {
      onOom.accept(oom);
      return;
    }
    ExitEvent event = decode(envelope.getEvent());
    if (event != null) {
      onExit.accept(event);
    }
  }

  /** The exit of a container's init process, or null for other events and exec processes. */
  static ExitEvent decode(Any any) {
    // containerd sends bare type URLs, which Any.unpack() refuses.
    String url = any.getTypeUrl();
    if (!url.equals(TASK_EXIT_TYPE) && !url.endsWith("/" + TASK_EXIT_TYPE)) {
      return null;
    }
    try {
      TaskExit exit = TaskExit.parseFrom(any.getValue());
      if (!exit.getId().equals(exit.getContainerId())) {
        return null;
      }
      Instant at =
          Instant.ofEpochSecond(exit.getExitedAt().getSeconds(), exit.getExitedAt().getNanos());
      return new ExitEvent(exit.getContainerId(), exit.getExitStatus(), at);
    } catch (InvalidProtocolBufferException e) {
      LOG.warning("unreadable TaskExit event: " + e.getMessage());
      return null;
    }
  }

  /** The container id of a TaskOOM event, or null for other events. */
  static String decodeOom(Any any) {
    String url = any.getTypeUrl();
    if (!url.equals(TASK_OOM_TYPE) && !url.endsWith("/" + TASK_OOM_TYPE)) {
      return null;
    }
    try {
      return TaskOOM.parseFrom(any.getValue()).getContainerId();
    } catch (InvalidProtocolBufferException e) {
      LOG.warning("unreadable TaskOOM event: " + e.getMessage());
      return null;
    }
  }

  private void onEnd(Throwable error) {
    if (closed) {
      return;
    }
    long delay = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    LOG.log(
        Level.WARNING,
        "containerd event stream ended ({0}); subscribing again in {1} ms",
        new Object[] {error == null ? "closed" : error.getMessage(), delay});
    vertx.setTimer(delay, id -> subscribe(true));
  }

  @Override
  public void close() {
    closed = true;
    ContainerdClient.Subscription s = current;
    if (s != null) {
      s.cancel();
    }
  }
}
