package io.snakepit.store.common;

import io.snakepit.store.Session;
import io.snakepit.store.SessionPage;
import java.util.List;

/** Cuts pages of {@code SessionStore.list}. */
public final class Pages {

  private Pages() {}

  /**
   * The page of the first {@code limit} sessions of {@code found}. Read one session more than the
   * limit: whether it exists tells whether another page follows.
   */
  public static SessionPage of(List<Session> found, int limit) {
    if (found.size() <= limit) {
      return new SessionPage(found, "");
    }
    List<Session> page = found.subList(0, limit);
    return new SessionPage(page, page.get(limit - 1).id());
  }
}
