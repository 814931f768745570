package dev.skerry.hub.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Runs skerryctl's main entry in-process with captured output, a fixed clock and a test env. */
final class Cli {
  /** The clock the fixtures' time stamps are relative to. */
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  record Result(int code, String out, String err) {}

  private final Map<String, String> env = new HashMap<>();
  private String stdin = "";

  /** A CLI pointed at {@code hubUrl} by SKERRY_HUB_URL, with HOME where no config file is. */
  Cli(String hubUrl) {
    env.put("SKERRY_HUB_URL", hubUrl);
    env.put("HOME", "/nonexistent-skerryctl-test-home");
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Cli stdin(String text) {
    stdin = text;
    return this;
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new Skerryctl(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env,
                Clock.fixed(NOW, ZoneOffset.UTC))
            .run(args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
