package io.cellwork.cells.work;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/** The {@link WorkContext} of a running node: the CPU dispatcher and the system's timer. */
public final class SystemWorkContext implements WorkContext {
  private final ActorSystem<?> system;
  private final Executor cpuExecutor;

  public SystemWorkContext(ActorSystem<?> system, String cpuDispatcher) {
    this.system = system;
    this.cpuExecutor = system.dispatchers().lookup(DispatcherSelector.fromConfig(cpuDispatcher));
  }

  @Override
  public Executor cpuExecutor() {
    return cpuExecutor;
  }

  @Override
  public CompletionStage<Void> after(Duration delay) {
    CompletableFuture<Void> elapsed = new CompletableFuture<>();
    system.scheduler().scheduleOnce(delay, () -> elapsed.complete(null), system.executionContext());
    return elapsed;
  }
}
