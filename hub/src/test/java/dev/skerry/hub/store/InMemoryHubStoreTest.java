package dev.skerry.hub.store;

class InMemoryHubStoreTest extends HubStoreContract {
  @Override
  HubStore open() {
    return new InMemoryHubStore();
  }
}
