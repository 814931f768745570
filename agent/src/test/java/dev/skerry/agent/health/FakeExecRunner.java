package dev.skerry.agent.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** An {@link ExecRunner} whose answer a test sets, and which remembers every call. */
final class FakeExecRunner implements ExecRunner {
  record Call(String containerId, List<String> argv, Duration timeout) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile Supplier<CompletableFuture<ExecResult>> answer =
      () -> CompletableFuture.completedFuture(new ExecResult(0, ""));

  void answer(Supplier<CompletableFuture<ExecResult>> answer) {
    this.answer = answer;
  }

  void exitWith(int code, String output) {
    answer(() -> CompletableFuture.completedFuture(new ExecResult(code, output)));
  }

  @Override
  public CompletableFuture<ExecResult> exec(
      String containerId, List<String> argv, Duration timeout) {
    calls.add(new Call(containerId, argv, timeout));
    return answer.get();
  }
}
