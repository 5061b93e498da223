package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.store.v1.Query;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.retry.ClientRetryEvent;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.util.Timestamp;
import org.junit.jupiter.api.Test;

class RaftSetupTest {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private final RetryPolicy policy =
      RaftSetup.retryPolicy(
          RaftStoreConfig.defaults(Map.of("n0", "127.0.0.1:7000"), "n0", Path.of("unused"))
              .withRequestTimeout(REQUEST_TIMEOUT));

  @Test
  void aCallsFirstFailureIsTriedAgainAtOnce() {
    RetryPolicy.Action action = policy.handleAttemptFailure(failedAttempt(1, Duration.ZERO));

    assertThat(action.shouldRetry()).isTrue();
    assertThat(action.getSleepTime().toLong(TimeUnit.MILLISECONDS)).isZero();
  }

  @Test
  void aCallIsTriedAgainWithinTheRequestTimeout() {
    RetryPolicy.Action action =
        policy.handleAttemptFailure(failedAttempt(3, Duration.ofSeconds(9)));

    assertThat(action.shouldRetry()).isTrue();
    assertThat(action.getSleepTime().toLong(TimeUnit.MILLISECONDS)).isEqualTo(100);
  }

  /**
   * Five unanswered attempts of 3 s each: far fewer than the count allows, but past the timeout, as
   * behind a partition.
   */
  @Test
  void aCallIsNotTriedAgainOnceTheRequestTimeoutHasPassedHoweverFewItsAttempts() {
    RetryPolicy.Action action =
        policy.handleAttemptFailure(failedAttempt(5, REQUEST_TIMEOUT.plusSeconds(1)));

    assertThat(action.shouldRetry()).isFalse();
  }

  private static ClientRetryEvent failedAttempt(int attempts, Duration since) {
    RaftClientRequest read =
        RaftClientRequest.newBuilder()
            .setClientId(ClientId.randomId())
            .setServerId(RaftPeerId.valueOf("n0"))
            .setGroupId(RaftSetup.GROUP_ID)
            .setCallId(1)
            .setMessage(Messages.of(Query.newBuilder().setGetSession("s1").build()))
            .setType(RaftClientRequest.readRequestType())
            .build();
    return new ClientRetryEvent(
        attempts,
        read,
        attempts,
        new TimeoutIOException("no answer", null),
        Timestamp.currentTime().addTimeMs(-since.toMillis()));
  }
}
