package io.snakepit.bench.forward;

/** Which node a call of a session owned by {@link #OWNER} enters the cluster through. */
enum Route {
  /** Through the owner itself: no hop. */
  LOCAL("local", "b"),
  /** Through a node that is not the owner, which forwards the call once to the owner. */
  FORWARDED("forwarded", "a");

  /** The node that owns the benchmark's session and so runs every call of it. */
  static final String OWNER = "b";

  private final String label;
  private final String entryNode;

  Route(String label, String entryNode) {
    this.label = label;
    this.entryNode = entryNode;
  }

  String label() {
    return label;
  }

  String entryNode() {
    return entryNode;
  }
}
