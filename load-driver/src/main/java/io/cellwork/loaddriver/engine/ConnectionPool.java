package io.cellwork.loaddriver.engine;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One lane's keep-alive connections to one target: at most {@code max} open, one request each at
 * a time; the rest wait in FIFO order for the next free connection. Confined to its lane's event
 * loop (no locks); only {@link #inFlight} is read from other threads, as a rough gauge.
 */
final class ConnectionPool {
  private static final byte[] NO_BODY = new byte[0];
  /** Our own header names and values are known to be valid; checking them per request costs CPU. */
  private static final boolean VALIDATE_HEADERS = false;

  private final Bootstrap bootstrap;
  private final int target;
  private final int max;
  private final long timeoutNanos;
  private final int queueLimit;
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
  private final List<Connection> open = new ArrayList<>();
  private int connecting;
  private volatile int inFlight;

  ConnectionPool(Bootstrap bootstrap, int target, int max, EngineSettings settings) {
    this.bootstrap = bootstrap;
    this.target = target;
    this.max = max;
    this.timeoutNanos = settings.requestTimeout().toNanos();
    this.queueLimit = settings.queueLimit();
  }

  int inFlight() {
    return inFlight;
  }

  void send(Exchange exchange) {
    inFlight++;
    Connection connection;
    while ((connection = idle.pollLast()) != null) {
      if (connection.channel.isActive()) {
        connection.send(exchange);
        return;
      }
    }
    if (open.size() + connecting < max) {
      connect(exchange);
    } else if (waiting.size() >= queueLimit) {
      complete(exchange, Answer.failed("queue_full", System.nanoTime()));
    } else {
      waiting.addLast(exchange);
    }
  }

  private void connect(Exchange first) {
    connecting++;
    ChannelFuture future = bootstrap.connect();
    future.addListener(done -> {
      connecting--;
      if (!done.isSuccess()) {
        complete(first, Answer.failed("connect", System.nanoTime()));
        if (open.isEmpty() && connecting == 0) {
          // Nothing will ever free up for the queue: the target is unreachable right now.
          Exchange queued;
          while ((queued = waiting.pollFirst()) != null) {
            complete(queued, Answer.failed("connect", System.nanoTime()));
          }
        }
        return;
      }
      Connection connection = new Connection(future.channel());
      open.add(connection);
      future.channel().pipeline().addLast(connection);
      future.channel().closeFuture().addListener(closed -> onClosed(connection));
      connection.send(first);
    });
  }

  private void onClosed(Connection connection) {
    open.remove(connection);
    idle.remove(connection);
    if (connection.current != null) {
      Exchange lost = connection.current;
      connection.current = null;
      complete(lost, Answer.failed(connection.timedOut ? "timeout" : "closed", System.nanoTime()));
    }
    Exchange next = waiting.pollFirst();
    if (next != null) {
      inFlight--;
      send(next);
    }
  }

  private void release(Connection connection, boolean keepAlive) {
    if (!keepAlive) {
      connection.channel.close();
      return;
    }
    Exchange next = waiting.pollFirst();
    if (next != null) {
      connection.send(next);
    } else {
      idle.addLast(connection);
    }
  }

  void expire(long now) {
    for (Connection connection : List.copyOf(open)) {
      if (connection.current != null && now - connection.sentNanos > timeoutNanos) {
        connection.timedOut = true;
        connection.channel.close();
      }
    }
  }

  private void complete(Exchange exchange, Answer answer) {
    inFlight--;
    exchange.onAnswer().accept(answer);
  }

  /** One keep-alive connection and the request it carries. */
  private final class Connection extends ChannelInboundHandlerAdapter {
    private final Channel channel;
    private final AsciiString host;
    private Exchange current;
    private long sentNanos;
    private boolean timedOut;
    // The answer being read: head first, then content pieces, then the last piece completes it.
    private int status;
    private String retryAfter;
    private boolean keepAlive;
    private byte[] body = NO_BODY;

    Connection(Channel channel) {
      this.channel = channel;
      java.net.InetSocketAddress address = (java.net.InetSocketAddress) channel.remoteAddress();
      this.host = AsciiString.of(address.getHostString() + ":" + address.getPort());
    }

    void send(Exchange exchange) {
      current = exchange;
      sentNanos = System.nanoTime();
      byte[] body = exchange.body();
      FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(exchange.method()),
          exchange.path(), body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body), VALIDATE_HEADERS);
      request.headers().set(HttpHeaderNames.HOST, host);
      if (body != null) {
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
      }
      request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body == null ? 0 : body.length);
      channel.writeAndFlush(request, channel.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      try {
        if (message instanceof HttpResponse head) {
          status = head.status().code();
          retryAfter = head.headers().get(HttpHeaderNames.RETRY_AFTER);
          keepAlive = HttpUtil.isKeepAlive(head);
          body = NO_BODY;
        }
        if (message instanceof HttpContent content) {
          ByteBuf bytes = content.content();
          if (bytes.isReadable()) {
            byte[] more = ByteBufUtil.getBytes(bytes);
            body = body.length == 0 ? more : concat(body, more);
          }
          if (message instanceof LastHttpContent) {
            finish();
          }
        }
      } finally {
        ReferenceCountUtil.release(message);
      }
    }

    private void finish() {
      Exchange exchange = current;
      if (exchange == null) {
        return;
      }
      current = null;
      complete(exchange, new Answer(status, null, retryAfter, body, System.nanoTime()));
      body = NO_BODY;
      release(this, keepAlive);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  int target() {
    return target;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
