package dev.skerry.hub.app;

/** Entry point of {@code skerry-hub.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("skerry-hub");
  }
}
