package io.cellwork.cells;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Re-homes a stage from Pekko's Java API onto an executor of our choosing. Those stages run even
 * non-async callbacks through the JDK's common pool, which on a two-core machine starts a new
 * thread per callback; the plain future returned here runs its callbacks where it completes.
 */
public final class OnExecutor {
  private OnExecutor() {}

  public static <T> CompletableFuture<T> complete(CompletionStage<T> pekkoStage, Executor executor) {
    CompletableFuture<T> plain = new CompletableFuture<>();
    pekkoStage.whenCompleteAsync((value, failure) -> {
      if (failure != null) {
        plain.completeExceptionally(failure);
      } else {
        plain.complete(value);
      }
    }, executor);
    return plain;
  }
}
