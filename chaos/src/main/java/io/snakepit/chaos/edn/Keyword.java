package io.snakepit.chaos.edn;

/** An EDN keyword such as {@code :invoke}; {@link #name()} holds it without the colon. */
public record Keyword(String name) {

  public static Keyword of(String name) {
    return new Keyword(name);
  }

  @Override
  public String toString() {
    return ":" + name;
  }
}
