package io.snakepit.node.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How the node takes part in a cluster.
 *
 * @param advertiseAddress where other nodes reach this node's API ({@code
 *     cluster.advertise-address}); empty for the address the API listens on
 * @param pollInterval how often the node asks the others how they are ({@code
 *     cluster.poll-interval})
 */
public record ClusterConfig(Optional<String> advertiseAddress, Duration pollInterval) {}
