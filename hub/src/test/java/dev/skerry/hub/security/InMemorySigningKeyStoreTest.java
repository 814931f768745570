package dev.skerry.hub.security;

class InMemorySigningKeyStoreTest extends SigningKeyStoreContract {
  @Override
  SigningKeyStore open() {
    return new InMemorySigningKeyStore();
  }
}
