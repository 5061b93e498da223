package io.snakepit.node.tools;

/**
 * A tool written in Java and run by the node itself. It is called like a Python tool, by clients
 * and by Python tools ({@code ctx.call(name, args, pool="java")}), and {@code ListTools} lists it
 * under the pool {@code java}. Register it when building the node: {@code
 * SnakepitNode.builder(config).javaTool(tool).start()}.
 *
 * <p>Calls run on the node's own threads, several at once: a tool must be thread-safe. A call still
 * running when its deadline passes, or when its caller cancels, is interrupted.
 */
public interface JavaTool {

  /** The name callers use; unique among the node's Java tools. */
  String name();

  /** What the tool does, for {@code ListTools}. */
  String description();

  /** A JSON Schema (draft 2020-12) object of the keyword arguments; by default, any. */
  default String parametersSchema() {
    return "{\"type\": \"object\"}";
  }

  /**
   * Runs one call and returns its result, any value the SDK converts ({@code null}, Boolean,
   * numbers, String, {@code byte[]}, lists and maps of them).
   *
   * @throws IllegalArgumentException when the arguments do not fit: the caller gets
   *     INVALID_ARGUMENT
   * @throws Exception for any other failure: the caller gets UNKNOWN, with the exception's type,
   *     message and stack trace in a ToolError, as for a Python exception
   */
  Object call(JavaToolCall call) throws Exception;

  /** What a tool made by {@link #of} does with a call: {@link JavaTool#call}. */
  @FunctionalInterface
  interface Body {
    Object call(JavaToolCall call) throws Exception;
  }

  /** A tool that needs no class of its own, from its name, description and body. */
  static JavaTool of(String name, String description, Body body) {
    return new JavaTool() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public Object call(JavaToolCall call) throws Exception {
        return body.call(call);
      }
    };
  }
}
