package dev.accesslink.example;

/** Entry point of the example app. */
public final class ExampleApp {
  private ExampleApp() {}

  /** Prints one walk through the library. */
  public static void main(String[] args) {
    Walkthrough.run(System.out);
  }
}
