package io.snakepit.node.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a node finds its Raft peers in DNS instead of a static list.
 *
 * @param name the SRV name listing the peers ({@code store.raft.peers-dns})
 * @param expect how many peers form the group ({@code store.raft.expect})
 * @param server the DNS server to ask, {@code host} or {@code host:port}; empty for the system's
 *     ({@code store.raft.dns-server})
 * @param timeout how long to wait for the records ({@code store.raft.discovery-timeout})
 */
public record PeersDns(String name, int expect, Optional<String> server, Duration timeout) {}
