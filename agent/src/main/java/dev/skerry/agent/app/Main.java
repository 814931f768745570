package dev.skerry.agent.app;

/** Entry point of {@code skerry-agent.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("skerry-agent");
  }
}
