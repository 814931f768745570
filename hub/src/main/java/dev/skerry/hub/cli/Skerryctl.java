package dev.skerry.hub.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code skerryctl}, the operator's command-line client of the hub's REST API. Exit codes: 0 ok, 1
 * the hub rejected a request or the input is unusable, 2 usage error, 3 hub unreachable.
 *
 * <p>{@code version} and {@code help} create no JSON mapper and no HTTP client (only picocli's
 * model of the commands), so they start fast.
 */
public final class Skerryctl {
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Clock clock;

  /**
   * @param env the environment: SKERRY_* settings and HOME / XDG_CONFIG_HOME for the config file
   */
  public Skerryctl(
      InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /** Runs one command line with standard input and the system clock; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    return new Skerryctl(System.in, out, err, env, Clock.systemUTC()).run(args);
  }

  /** Runs one command line; returns the exit code. Expected failures print no stack trace. */
  public int run(String... args) {
    try {
      return execute(args);
    } catch (CliException e) {
      e.print(err, "");
      return e.exitCode();
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The version in the jar's manifest, or {@code dev} when run from classes. */
  static String version() {
    String v = Skerryctl.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private int execute(String[] args) {
    HubFlags[] flags = {HubFlags.NONE};
    HubClient[] client = new HubClient[1];
    Context ctx =
        new Context(
            in,
            out,
            err,
            clock,
            () -> client[0] != null ? client[0] : (client[0] = connect(flags[0])));
    CommandLine root = Commands.tree(ctx);
    ParseResult parsed;
    try {
      parsed = root.parseArgs(args);
    } catch (ParameterException e) {
      throw UsageErrors.of(e);
    }
    ParseResult leaf = parsed;
    boolean help = parsed.isUsageHelpRequested();
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
      help |= leaf.isUsageHelpRequested();
    }
    CommandLine command = leaf.commandSpec().commandLine();
    if (help || command == root) {
      command.usage(out, CommandLine.Help.Ansi.OFF);
      return 0;
    }
    flags[0] = flags(parsed);
    return ((CliCommand) command.getCommand()).run();
  }

  /** The connection flags wherever they stood; the deepest command's (the last given) win. */
  private static HubFlags flags(ParseResult parsed) {
    String hub = null;
    String token = null;
    String tokenFile = null;
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      hub = p.matchedOptionValue("--hub", hub);
      token = p.matchedOptionValue("--token", token);
      tokenFile = p.matchedOptionValue("--token-file", tokenFile);
    }
    return new HubFlags(hub, token, tokenFile);
  }

  private HubClient connect(HubFlags flags) {
    SettingsResolver resolver =
        new SettingsResolver(
            env, SettingsResolver.defaultConfigFile(env), w -> err.println("warning: " + w));
    return new HubClient(resolver.resolve(flags), version());
  }
}
