package dev.skerry.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.hub.access.Accounts;
import dev.skerry.hub.access.JdbcAccessStore;
import dev.skerry.hub.access.LoginThrottle;
import dev.skerry.hub.access.PasswordHasher;
import dev.skerry.hub.access.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skerry-hub create-admin} on a real SQLite database in a data directory. */
class CreateAdminTest {
  @TempDir Path dataDir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String stdin, String... args) {
    return CreateAdmin.run(
        args,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void makesAnAdminWhoCanLogInWithThePasswordFromStandardInput() {
    int code = run("first admin password\n", "root", "--data-dir", dataDir.toString());

    assertThat(code).as(err.toString()).isZero();
    try (JdbcAccessStore store = JdbcAccessStore.open("jdbc:sqlite:" + dataDir.resolve("hub.db"))) {
      assertThat(store.user("root").orElseThrow().role()).isEqualTo(Role.ADMIN);
      Accounts accounts =
          new Accounts(
              store, new PasswordHasher(1), new LoginThrottle(), s -> false, Clock.systemUTC());
      assertThat(accounts.login("root", "first admin password".toCharArray(), "127.0.0.1", null))
          .isInstanceOf(Accounts.LoggedIn.class);
    }
    assertThat(out.toString() + err).doesNotContain("first admin password");
  }

  @Test
  void refusesATakenNameAndAnEmptyPassword() {
    run("first admin password\n", "root", "--data-dir", dataDir.toString());

    assertThat(run("another password!\n", "root", "--data-dir", dataDir.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("exists");
    assertThat(run("", "bo", "--data-dir", dataDir.toString())).isEqualTo(Main.EXIT_CONFIG);
    assertThat(run("x\n")).isEqualTo(Main.EXIT_CONFIG);
  }
}
