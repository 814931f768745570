package dev.skerry.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Feeds a parser mutated inputs and fails on the first input that makes it throw anything but its
 * documented exceptions (a {@code NullPointerException}, {@code ClassCastException}, {@code
 * IndexOutOfBoundsException}, {@code StackOverflowError}...) or take longer than the per-input
 * timeout. The failure names the input (Base64) so it can become a regression test.
 */
public final class Fuzz {
  /** The parser under test; it may throw only {@code allowed} exceptions. */
  @FunctionalInterface
  public interface Target {
    void parse(byte[] input) throws Exception;
  }

  private final String name;
  private final List<String> seeds = new ArrayList<>();
  private List<String> dictionary = Mutator.JSON_TOKENS;
  private final List<Class<? extends Throwable>> allowed = new ArrayList<>();
  private int inputs = 100_000;
  private long seed = 13;
  private long timeoutMillis = 2_000;

  private Fuzz(String name) {
    this.name = name;
  }

  public static Fuzz parser(String name) {
    return new Fuzz(name);
  }

  public Fuzz seeds(String... values) {
    seeds.addAll(List.of(values));
    return this;
  }

  public Fuzz dictionary(List<String> tokens) {
    dictionary = List.copyOf(tokens);
    return this;
  }

  @SafeVarargs
  public final Fuzz allowing(Class<? extends Throwable>... types) {
    allowed.addAll(List.of(types));
    return this;
  }

  /**
   * How many inputs to run: {@code count}, unless the system property {@code skerry.fuzz.inputs}
   * says otherwise (e.g. {@code -Dskerry.fuzz.inputs=100000} for a long run).
   */
  public Fuzz inputs(int count) {
    inputs = Integer.getInteger("skerry.fuzz.inputs", count);
    return this;
  }

  public Fuzz randomSeed(long value) {
    seed = value;
    return this;
  }

  public Fuzz timeoutMillis(long value) {
    timeoutMillis = value;
    return this;
  }

  /** Runs every input; returns how many the parser refused with an allowed exception. */
  public int run(Target target) {
    long started = System.nanoTime();
    int refused = runAll(target);
    System.err.printf(
        "fuzz %s: %d inputs, %d refused, %d ms%n",
        name, inputs, refused, (System.nanoTime() - started) / 1_000_000);
    return refused;
  }

  private int runAll(Target target) {
    Objects.requireNonNull(target, "target");
    Mutator mutator = new Mutator(seed, seeds, dictionary);
    ExecutorService worker =
        Executors.newSingleThreadExecutor(
            r -> {
              // A deep stack, as a request thread has: StackOverflowError must not come from us.
              Thread t = new Thread(null, r, "fuzz-" + name, 4L << 20);
              t.setDaemon(true);
              return t;
            });
    int refused = 0;
    try {
      for (int i = 0; i < inputs; i++) {
        byte[] input = mutator.next();
        Future<Throwable> result =
            worker.submit(
                () -> {
                  try {
                    target.parse(input);
                    return null;
                  } catch (Throwable t) {
                    return t;
                  }
                });
        Throwable thrown;
        try {
          thrown = result.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          result.cancel(true);
          throw new AssertionError(describe(i, input) + " took over " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
          throw new AssertionError(e);
        }
        if (thrown != null) {
          if (allowed.stream().noneMatch(type -> type.isInstance(thrown))) {
            AssertionError failure =
                new AssertionError(describe(i, input) + " threw " + thrown, thrown);
            throw failure;
          }
          refused++;
        }
      }
    } finally {
      worker.shutdownNow();
    }
    return refused;
  }

  private String describe(int index, byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    String shown = text.length() > 300 ? text.substring(0, 300) + "..." : text;
    return name
        + " input #"
        + index
        + " ("
        + input.length
        + " bytes, base64 "
        + (input.length > 4096 ? "(too long to print)" : Base64.getEncoder().encodeToString(input))
        + ", text: "
        + shown
        + ")";
  }
}
