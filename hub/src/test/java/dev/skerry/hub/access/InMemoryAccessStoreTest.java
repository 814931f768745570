package dev.skerry.hub.access;

class InMemoryAccessStoreTest extends AccessStoreContract {
  @Override
  AccessStore open() {
    return new InMemoryAccessStore();
  }
}
