package io.snakepit.client;

import io.snakepit.api.v1.ExecuteResponse;

/**
 * A tool's result with where it ran.
 *
 * @param result as {@link Values#toJava} returns it
 * @param nodeId the node that ran the call
 * @param workerId the worker that ran the call (for logs and affinity checks)
 */
public record ExecuteResult(Object result, String nodeId, String workerId) {

  static ExecuteResult from(ExecuteResponse response) {
    return new ExecuteResult(
        Values.toJava(response.getResult()), response.getNodeId(), response.getWorkerId());
  }
}
