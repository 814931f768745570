package dev.skerry.hub.security;

import dev.skerry.hub.store.SqliteHubStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on SQLite, with the schema the hub store's migrations make. */
class JdbcIdentityStoreSqliteTest extends IdentityStoreContract {
  @TempDir Path dir;

  @Override
  IdentityStore open() {
    String url = "jdbc:sqlite:" + dir.resolve("hub.db");
    SqliteHubStore.open(url).close();
    return JdbcIdentityStore.open(url);
  }
}
