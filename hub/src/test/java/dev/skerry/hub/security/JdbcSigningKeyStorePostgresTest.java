package dev.skerry.hub.security;

import dev.skerry.hub.store.PostgresHubStore;
import dev.skerry.hub.store.TestPostgres;
import org.junit.jupiter.api.AfterEach;

/** The contract on a real PostgreSQL database, with the schema the migrations make. */
class JdbcSigningKeyStorePostgresTest extends SigningKeyStoreContract {
  private TestPostgres database;

  @Override
  SigningKeyStore open() {
    database = new TestPostgres();
    PostgresHubStore.open(database.url()).close();
    return JdbcSigningKeyStore.open(database.url());
  }

  @AfterEach
  void dropDatabase() {
    store.close();
    database.close();
  }
}
