package io.snakepit.node.config;

import java.time.Duration;

/**
 * Sessions and their store.
 *
 * @param defaultTtl the TTL of a session created without one ({@code session.default-ttl})
 * @param touchFlushInterval how often coalesced read touches are persisted ({@code
 *     session.touch-flush-interval})
 * @param expirySweepInterval how often idle sessions are expired ({@code
 *     session.expiry-sweep-interval})
 */
public record SessionConfig(
    Duration defaultTtl, Duration touchFlushInterval, Duration expirySweepInterval) {}
