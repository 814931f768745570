package dev.skerry.agent.app;

/** The agent's version, from the jar manifest ({@code Implementation-Version}). */
final class AgentVersion {
  private AgentVersion() {}

  static String get() {
    String v = AgentVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
