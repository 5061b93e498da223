package io.snakepit.node.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * When a pool replaces a healthy worker, and how it checks that idle workers still answer.
 *
 * @param recycleAfterCalls replace a worker after this many calls ({@code
 *     pool.recycle-after-calls}, empty: never)
 * @param maxLifetime replace a worker older than this ({@code pool.max-lifetime}, empty: never)
 * @param maxMemory replace a worker whose resident memory, as the Python process measures it,
 *     passes this ({@code pool.max-memory}, empty: never)
 * @param heartbeatInterval how often idle workers are asked for their health ({@code
 *     pool.heartbeat-interval})
 * @param heartbeatTimeout a worker that does not answer within this is killed and replaced ({@code
 *     pool.heartbeat-timeout})
 * @param maxFailedStarts when every worker of the pool failed to start this many times in a row,
 *     the pool is marked failed instead of retrying forever ({@code pool.max-failed-starts})
 */
public record WorkerLifecycle(
    OptionalInt recycleAfterCalls,
    Optional<Duration> maxLifetime,
    Optional<DataSize> maxMemory,
    Duration heartbeatInterval,
    Duration heartbeatTimeout,
    int maxFailedStarts) {}
