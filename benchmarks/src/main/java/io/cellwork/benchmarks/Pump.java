package io.cellwork.benchmarks;

import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Keeps a fixed number of requests outstanding: sends {@code window} at once, then one more for
 * every answer, until {@code total} are answered. The same pump drives every scenario; only the
 * send differs. Answers that are not acknowledgements (a rejection) are counted separately.
 */
final class Pump {
  /** Sends request number {@code seq} with {@code replyTo} as the address for the answer. */
  interface Sender {
    void send(long seq, ActorRef<Object> replyTo);
  }

  /** Completed with the number of answers that were not plain acknowledgements. */
  record Result(long unexpected) {}

  private Pump() {}

  static Behavior<Object> create(long total, int window, Sender sender, Class<?> expected, CompletableFuture<Result> done) {
    return Behaviors.setup(ctx -> {
      long[] sent = {0};
      long[] received = {0};
      long[] unexpected = {0};
      ActorRef<Object> self = ctx.getSelf();
      for (; sent[0] < Math.min(window, total); sent[0]++) {
        sender.send(sent[0], self);
      }
      return Behaviors.receiveMessage(answer -> {
        received[0]++;
        if (!expected.isInstance(answer)) {
          unexpected[0]++;
        }
        if (sent[0] < total) {
          sender.send(sent[0]++, self);
        }
        if (received[0] == total) {
          done.complete(new Result(unexpected[0]));
          return Behaviors.stopped();
        }
        return Behaviors.same();
      });
    });
  }
}
