package io.snakepit.client;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.SnakepitGrpc.SnakepitBlockingStub;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The items of a streaming tool, pulled one at a time: the node sends the next item only after the
 * previous one was taken, so a slow reader holds the Python generator back instead of filling
 * memory. Not thread-safe. Close it when stopping early: that cancels the call, and the node stops
 * the generator. Iteration throws the typed {@link SnakepitException}s.
 */
public final class ToolStream implements Iterator<Object>, AutoCloseable {

  private final Context.CancellableContext context;
  private final Iterator<ExecuteChunk> chunks;
  private boolean closed;

  private ToolStream(Context.CancellableContext context, Iterator<ExecuteChunk> chunks) {
    this.context = context;
    this.chunks = chunks;
  }

  static ToolStream open(SnakepitBlockingStub stub, ExecuteRequest request) {
    // The call belongs to the context it starts in; cancelling that context is how a blocking
    // stream is cancelled.
    Context.CancellableContext context = Context.current().withCancellation();
    Context previous = context.attach();
    try {
      return new ToolStream(context, stub.executeStream(request));
    } finally {
      context.detach(previous);
    }
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    try {
      return chunks.hasNext();
    } catch (StatusRuntimeException e) {
      throw StatusTranslator.translate(e);
    }
  }

  @Override
  public Object next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return Values.toJava(chunks.next().getItem());
  }

  /** Cancels the call if it is still running; idempotent. */
  @Override
  public void close() {
    closed = true;
    context.cancel(null);
  }
}
