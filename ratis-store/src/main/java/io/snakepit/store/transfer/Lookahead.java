package io.snakepit.store.transfer;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An iterator that finds its next element only when asked whether there is one. */
abstract class Lookahead<T> implements Iterator<T> {

  private T next;

  /** The next element, or null at the end. */
  protected abstract T fetch();

  @Override
  public final boolean hasNext() {
    if (next == null) {
      next = fetch();
    }
    return next != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T element = next;
    next = null;
    return element;
  }
}
