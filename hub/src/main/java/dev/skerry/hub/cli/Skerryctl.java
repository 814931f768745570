package dev.skerry.hub.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * {@code skerryctl}, the operator's command-line client of the hub's REST API. Exit codes: 0 ok, 1
 * the hub rejected a request or the input is unusable, 2 usage error, 3 hub unreachable.
 *
 * <p>{@code version} and {@code help} touch no JSON or HTTP class, so they start fast.
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
      return dispatch(ArgParser.parse(args));
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

  private int dispatch(ParsedArgs args) {
    if (args.words().isEmpty()) {
      out.print(Help.main());
      return 0;
    }
    String word = args.words().get(0);
    CommandSpec spec =
        CommandSpec.byWord(word)
            .orElseThrow(
                () ->
                    CliException.usage(
                        "unknown command '" + word + "'",
                        Help.suggest(word).map(s -> "did you mean '" + s + "'? ").orElse("")
                            + "run 'skerryctl --help' for the commands"));
    if (args.has(Flag.HELP)) {
      out.print(spec == CommandSpec.HELP ? Help.main() : Help.of(spec));
      return 0;
    }
    for (Flag f : args.flags().keySet()) {
      if (!Flag.GLOBAL.contains(f) && !spec.flags.contains(f)) {
        throw CliException.usage(
            "flag " + f.display() + " is not valid for " + spec.word(),
            "run 'skerryctl help " + spec.word() + "'");
      }
    }
    if (spec == CommandSpec.VERSION) {
      out.println("skerryctl " + version());
      return 0;
    }
    if (spec == CommandSpec.HELP) {
      return help(args);
    }
    HubClient[] client = new HubClient[1];
    Context ctx =
        new Context(
            in, out, err, clock, () -> client[0] != null ? client[0] : (client[0] = connect(args)));
    return switch (spec) {
      case GET -> new GetCommand(ctx).run(args);
      case DESCRIBE -> new DescribeCommand(ctx).run(args);
      case APPLY -> new ApplyCommand(ctx).run(args);
      case DELETE -> new DeleteCommand(ctx).run(args);
      case LABEL -> new LabelCommand(ctx).run(args);
      case ROLLOUT -> new RolloutCommand(ctx).run(args);
      case VERSION, HELP -> throw new IllegalStateException("handled above");
    };
  }

  private int help(ParsedArgs args) {
    if (args.words().size() == 1) {
      out.print(Help.main());
      return 0;
    }
    String word = args.words().get(1);
    CommandSpec spec =
        CommandSpec.byWord(word)
            .orElseThrow(
                () ->
                    CliException.usage(
                        "no help for unknown command '" + word + "'",
                        "run 'skerryctl --help' for the commands"));
    out.print(Help.of(spec));
    return 0;
  }

  private HubClient connect(ParsedArgs args) {
    SettingsResolver resolver =
        new SettingsResolver(
            env, SettingsResolver.defaultConfigFile(env), w -> err.println("warning: " + w));
    return new HubClient(resolver.resolve(args), version());
  }
}
