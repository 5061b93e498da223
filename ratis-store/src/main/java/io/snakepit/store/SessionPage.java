package io.snakepit.store;

import java.util.List;

/**
 * One page of {@link SessionStore#list}.
 *
 * @param nextCursor where the next page starts; empty when this is the last page
 */
public record SessionPage(List<Session> sessions, String nextCursor) {

  public SessionPage {
    sessions = List.copyOf(sessions);
  }

  public boolean isLast() {
    return nextCursor.isEmpty();
  }
}
