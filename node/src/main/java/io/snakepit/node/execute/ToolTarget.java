package io.snakepit.node.execute;

import io.snakepit.api.v1.ToolInfo;
import io.snakepit.node.pool.WorkerPool;
import io.snakepit.node.tools.JavaTool;

/** What a call names: a Python tool of a worker pool, or one of the node's Java tools. */
sealed interface ToolTarget {

  /** A tool that the pool's workers serve. */
  record InPool(WorkerPool pool, ToolInfo tool) implements ToolTarget {}

  /** A tool that the node runs itself. */
  record InJava(JavaTool tool) implements ToolTarget {}
}
