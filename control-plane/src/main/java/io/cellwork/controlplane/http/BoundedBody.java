package io.cellwork.controlplane.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;

/**
 * Reads a request body of at most {@code limit} bytes. A larger body is read to its end and
 * thrown away before the 413 goes out, so the client receives the answer on an intact
 * connection instead of a reset in the middle of its upload.
 */
final class BoundedBody {
  private BoundedBody() {}

  static CompletionStage<byte[]> read(HttpEntity entity, long limit, Materializer materializer) {
    if (entity instanceof HttpEntity.Strict strict) {
      // the usual small request arrives whole with its headers: no stream to run
      if (strict.getData().size() > limit) {
        return CompletableFuture.failedFuture(ApiError.tooLarge(limit));
      }
      return CompletableFuture.completedFuture(strict.getData().toArray());
    }
    return entity.getDataBytes()
        .runWith(Sink.fold(new Accumulator(limit), Accumulator::add), materializer)
        .thenApply(accumulated -> {
          if (accumulated.overflowed) {
            throw ApiError.tooLarge(limit);
          }
          return accumulated.bytes.result().toArray();
        });
  }

  /** Collects chunks until the limit, then only counts. Confined to the stream's fold stage. */
  private static final class Accumulator {
    final ByteStringBuilder bytes = ByteString.newBuilder();
    final long limit;
    long seen;
    boolean overflowed;

    Accumulator(long limit) {
      this.limit = limit;
    }

    Accumulator add(ByteString chunk) {
      seen += chunk.size();
      if (seen > limit) {
        overflowed = true;
      } else {
        bytes.append(chunk);
      }
      return this;
    }
  }
}
