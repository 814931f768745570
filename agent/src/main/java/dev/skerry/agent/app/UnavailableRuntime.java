package dev.skerry.agent.app;

import dev.skerry.agent.runtime.ContainerRuntime;
import dev.skerry.agent.runtime.ContainerSpec;
import dev.skerry.agent.runtime.ExitEvent;
import dev.skerry.agent.runtime.ObservedContainer;
import dev.skerry.agent.runtime.ResolvedImage;
import dev.skerry.agent.runtime.RuntimeFailure;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A runtime that cannot run anything: every call fails {@code RuntimeUnavailable}. The agent still
 * starts, stores and reports, so the operator sees why nothing runs.
 */
final class UnavailableRuntime implements ContainerRuntime {
  private final String why;

  UnavailableRuntime(String why) {
    this.why = why;
  }

  private RuntimeFailure failure() {
    return new RuntimeFailure("RuntimeUnavailable", why, true);
  }

  @Override
  public ResolvedImage ensureImage(String reference, PullProgress progress) {
    throw failure();
  }

  @Override
  public ResolvedImage findImage(String reference) {
    throw failure();
  }

  @Override
  public List<ObservedContainer> list() {
    throw failure();
  }

  @Override
  public void createAndStart(ContainerSpec spec) {
    throw failure();
  }

  @Override
  public void restart(String containerId) {
    throw failure();
  }

  @Override
  public void stop(String containerId, Duration grace) {
    throw failure();
  }

  @Override
  public void remove(String containerId) {
    throw failure();
  }

  @Override
  public void onExit(Consumer<ExitEvent> listener) {}

  @Override
  public void close() {}
}
