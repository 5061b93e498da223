package io.snakepit.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Between the store's blocking methods and their asynchronous variants, failures unchanged. */
public final class StoreFutures {

  private StoreFutures() {}

  /** Runs the blocking call now, its result or its failure in a completed future. */
  public static <T> CompletableFuture<T> completed(Supplier<T> call) {
    try {
      return CompletableFuture.completedFuture(call.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Completes {@code target} as {@code source} completes, unless something completed it first. */
  public static <T> void relay(CompletableFuture<? extends T> source, CompletableFuture<T> target) {
    source.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            target.complete(value);
          } else {
            target.completeExceptionally(failure);
          }
        });
  }

  /**
   * Waits for the future and returns its result, or throws its failure as the blocking method
   * would: a {@link RuntimeException} as itself, anything else as {@link StoreException.Internal}.
   */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new StoreException.Internal("a call to the session store failed", e.getCause());
    }
  }
}
