package dev.skerry.hub.security;

class InMemoryIdentityStoreTest extends IdentityStoreContract {
  @Override
  IdentityStore open() {
    return new InMemoryIdentityStore();
  }
}
