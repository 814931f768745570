package dev.skerry.agent.runtime;

import dev.skerry.agent.reconcile.Container;
import dev.skerry.agent.reconcile.Container.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@link ContainerRuntime} in memory: containers, tasks and images as plain values, every call
 * recorded in {@link #calls()}, failures injected per operation. Thread-safe.
 */
public final class FakeRuntime implements ContainerRuntime {
  private final Clock clock;
  private final Map<String, Container> containers = new LinkedHashMap<>();
  private final Map<String, ResolvedImage> images = new HashMap<>();
  private final Map<String, RuntimeFailure> failures = new HashMap<>();
  private final Set<String> sticky = new HashSet<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<Consumer<ExitEvent>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean unavailable;

  public FakeRuntime(Clock clock) {
    this.clock = clock;
  }

  public FakeRuntime() {
    this(Clock.systemUTC());
  }

  // ---- test controls ----

  /** Makes {@code op} ("pull", "create", "restart", "stop", "remove") on {@code arg} fail once. */
  public synchronized FakeRuntime failOnce(String op, String arg, RuntimeFailure failure) {
    failures.put(op + " " + arg, failure);
    return this;
  }

  /** Makes {@code op} on {@code arg} fail every time until {@link #heal}. */
  public synchronized FakeRuntime failAlways(String op, String arg, RuntimeFailure failure) {
    failures.put(op + " " + arg, failure);
    sticky.add(op + " " + arg);
    return this;
  }

  public synchronized void heal() {
    failures.clear();
    sticky.clear();
  }

  /** Makes {@link #list()} fail as if containerd were down. */
  public void unavailable(boolean value) {
    unavailable = value;
  }

  public synchronized void addImage(String reference) {
    images.put(reference, image(reference));
  }

  /** Puts a container as containerd would report it (e.g. one left by a previous agent run). */
  public synchronized void put(Container c) {
    containers.put(c.id(), c);
  }

  /** The task of {@code id} exits with {@code status}; listeners hear about it. */
  public void exit(String id, int status) {
    ExitEvent event;
    synchronized (this) {
      Container c = containers.get(id);
      containers.put(id, with(c, TaskState.STOPPED, status));
      event = new ExitEvent(id, status, clock.instant());
    }
    listeners.forEach(l -> l.accept(event));
  }

  /** All tasks vanish, containers stay: what containerd shows after a reboot. */
  public synchronized void reboot() {
    containers.replaceAll((id, c) -> with(c, TaskState.NONE, null));
  }

  public synchronized Map<String, Container> containers() {
    return Map.copyOf(containers);
  }

  public List<String> calls() {
    return List.copyOf(calls);
  }

  public void clearCalls() {
    calls.clear();
  }

  // ---- the port ----

  private volatile java.util.function.BiConsumer<String, PullProgress> pulling = (r, p) -> {};

  /** Runs {@code hook} at the start of every pull, outside the lock (a slow, reporting pull). */
  public void whilePulling(java.util.function.BiConsumer<String, PullProgress> hook) {
    this.pulling = hook;
  }

  @Override
  public ResolvedImage ensureImage(String reference, PullProgress progress) {
    if (findImage(reference) == null) {
      pulling.accept(reference, progress);
    }
    synchronized (this) {
      calls.add("pull " + reference);
      maybeFail("pull", reference);
      return images.computeIfAbsent(reference, FakeRuntime::image);
    }
  }

  @Override
  public synchronized ResolvedImage findImage(String reference) {
    return images.get(reference);
  }

  @Override
  public synchronized List<Container> list() {
    if (unavailable) {
      throw new RuntimeFailure("RuntimeUnavailable", "containerd is not answering", true);
    }
    return new ArrayList<>(containers.values());
  }

  @Override
  public synchronized void createAndStart(ContainerSpec spec) {
    calls.add("create " + spec.id());
    maybeFail("create", spec.id());
    if (containers.containsKey(spec.id())) {
      throw new RuntimeFailure("CreateFailed", "container " + spec.id() + " already exists", false);
    }
    containers.put(
        spec.id(),
        new Container(
            spec.id(),
            spec.workload().name(),
            spec.revision(),
            spec.specHash(),
            spec.image().reference(),
            TaskState.RUNNING,
            null,
            null,
            Map.of(
                ContainerIds.LABEL_WORKLOAD, spec.workload().name(),
                ContainerIds.LABEL_REVISION, Long.toString(spec.revision()),
                ContainerIds.LABEL_SPEC_HASH, spec.specHash())));
  }

  @Override
  public synchronized void restart(String containerId) {
    calls.add("restart " + containerId);
    maybeFail("restart", containerId);
    Container c = existing(containerId);
    containers.put(containerId, with(c, TaskState.RUNNING, null));
  }

  @Override
  public synchronized void stop(String containerId, Duration grace) {
    calls.add("stop " + containerId);
    maybeFail("stop", containerId);
    Container c = existing(containerId);
    containers.put(containerId, with(c, TaskState.STOPPED, 143));
  }

  @Override
  public synchronized void remove(String containerId) {
    calls.add("remove " + containerId);
    maybeFail("remove", containerId);
    containers.remove(containerId);
  }

  @Override
  public void onExit(Consumer<ExitEvent> listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {}

  private Container existing(String id) {
    Container c = containers.get(id);
    if (c == null) {
      throw new RuntimeFailure("NotFound", "no container " + id, false);
    }
    return c;
  }

  private void maybeFail(String op, String arg) {
    String key = op + " " + arg;
    RuntimeFailure f = sticky.contains(key) ? failures.get(key) : failures.remove(key);
    if (f != null) {
      throw f;
    }
  }

  private Container with(Container c, TaskState task, Integer exitCode) {
    return new Container(
        c.id(),
        c.workload(),
        c.revision(),
        c.specHash(),
        c.image(),
        task,
        exitCode,
        task == TaskState.STOPPED ? clock.instant() : null,
        c.labels());
  }

  private static ResolvedImage image(String reference) {
    String digest = "sha256:" + Integer.toHexString(reference.hashCode());
    return new ResolvedImage(
        reference,
        digest,
        "sha256:chain-" + reference.hashCode(),
        new ResolvedImage.ImageConfig(List.of(), List.of("/bin/app"), List.of(), "/", "", Map.of()),
        1024);
  }
}
