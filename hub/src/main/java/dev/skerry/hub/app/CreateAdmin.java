package dev.skerry.hub.app;

import dev.skerry.hub.access.AccessException;
import dev.skerry.hub.access.Accounts;
import dev.skerry.hub.access.Caller;
import dev.skerry.hub.access.JdbcAccessStore;
import dev.skerry.hub.access.LoginThrottle;
import dev.skerry.hub.access.PasswordHasher;
import dev.skerry.hub.access.Principal;
import dev.skerry.hub.access.Role;
import dev.skerry.hub.store.HubStore;
import dev.skerry.hub.store.HubStores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;

/**
 * {@code skerry-hub create-admin NAME [hub options]}: makes the first admin user in the hub's
 * database (the same {@code --data-dir} / {@code --db-url} as the hub), with the password read from
 * the first line of standard input. The hub may be running.
 */
final class CreateAdmin {
  /** How the command appears in the audit trail. */
  static final Principal LOCAL = new Principal("skerry-hub create-admin", Role.ADMIN, "local");

  private CreateAdmin() {}

  /** Runs the command; returns the exit code. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length < 1 || args[0].startsWith("-")) {
      err.println(
          "usage: skerry-hub create-admin NAME [--data-dir DIR | --db-url URL]"
              + "  (the password is read from standard input)");
      return Main.EXIT_CONFIG;
    }
    String name = args[0];
    HubConfig config;
    try {
      config = new HubConfigLoader(System.getenv()).load(Arrays.copyOfRange(args, 1, args.length));
    } catch (ConfigException e) {
      e.errors().forEach(error -> err.println("create-admin: " + error));
      return Main.EXIT_CONFIG;
    }
    char[] password;
    try {
      password = readPassword(in);
    } catch (IOException e) {
      err.println("create-admin: cannot read the password from standard input: " + e.getMessage());
      return Main.EXIT_CONFIG;
    }
    if (password == null) {
      err.println("create-admin: give the password on standard input");
      return Main.EXIT_CONFIG;
    }
    try (HubStore migrated = HubStores.open(config.effectiveDbUrl());
        JdbcAccessStore store = JdbcAccessStore.open(config.effectiveDbUrl())) {
      Accounts accounts =
          new Accounts(
              store,
              new PasswordHasher(PasswordHasher.ITERATIONS),
              new LoginThrottle(),
              secret -> false,
              Clock.systemUTC());
      accounts.createUser(name, password, Role.ADMIN, new Caller(LOCAL, null, null));
      out.println("admin '" + name + "' created; log in with skerryctl login " + name);
      return 0;
    } catch (AccessException e) {
      err.println("create-admin: " + e.getMessage());
      return e.kind() == AccessException.Kind.CONFLICT ? 1 : Main.EXIT_CONFIG;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  // One line, without its line end; a console prompts without echo.
  private static char[] readPassword(InputStream in) throws IOException {
    if (in == System.in && System.console() != null) {
      char[] first = System.console().readPassword("Password: ");
      char[] again = System.console().readPassword("Again: ");
      if (first == null || !Arrays.equals(first, again)) {
        return null;
      }
      return first;
    }
    String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    return line == null || line.isEmpty() ? null : line.toCharArray();
  }
}
