package io.snakepit.client;

import io.snakepit.api.v1.ListSessionsResponse;
import java.util.List;
import java.util.Optional;

/**
 * One page of sessions, ordered by id.
 *
 * @param nextCursor the cursor of the following page; empty on the last page
 */
public record SessionPage(List<SessionInfo> sessions, Optional<String> nextCursor) {

  public SessionPage {
    sessions = List.copyOf(sessions);
  }

  static SessionPage from(ListSessionsResponse response) {
    return new SessionPage(
        response.getSessionsList().stream().map(SessionInfo::from).toList(),
        Optional.of(response.getNextCursor()).filter(cursor -> !cursor.isEmpty()));
  }
}
