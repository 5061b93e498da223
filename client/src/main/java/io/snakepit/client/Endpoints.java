package io.snakepit.client;

import io.grpc.Channel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The nodes a client may talk to, one channel each. Calls go to the current one; a call that finds
 * it unavailable moves every later call on to the next, in order, round the list.
 */
final class Endpoints {

  private final List<Channel> channels;
  private final AtomicInteger current = new AtomicInteger();

  Endpoints(List<? extends Channel> channels) {
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("at least one endpoint is needed");
    }
    this.channels = List.copyOf(channels);
  }

  Channel current() {
    return channels.get(current.get());
  }

  int size() {
    return channels.size();
  }

  /** Moves on from {@code failed}, unless another call already did. */
  void moveOnFrom(Channel failed) {
    int index = channels.indexOf(failed);
    current.compareAndSet(index, (index + 1) % channels.size());
  }
}
