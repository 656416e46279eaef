package io.cellwork.loaddriver.engine;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fast asynchronous HTTP/1.1 client for load: keep-alive connections to every target, one
 * request per connection at a time (no pipelining), requests beyond the open connections wait in
 * a queue whose wait counts in their latency. The work is split into lanes, one per event-loop
 * thread; a lane owns its connections and queue and touches them only from its own thread, so the
 * hot path takes no locks. Uses epoll where available, NIO otherwise.
 *
 * <p>Threading: {@link #submit} may be called from any thread; {@link Lane#send} only from the
 * lane's own loop (the load generators run their pacing there). Answers are delivered on the lane.
 */
public final class HttpEngine implements AutoCloseable {
  /** How often each lane looks for requests past their timeout. */
  private static final long TIMEOUT_SWEEP_MILLIS = 50;

  private final EventLoopGroup group;
  private final List<Target> targets;
  private final Lane[] lanes;
  private int nextLane;

  public HttpEngine(EngineSettings settings, List<Target> targets) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("at least one target is needed");
    }
    this.targets = List.copyOf(targets);
    boolean epoll = Epoll.isAvailable();
    DefaultThreadFactory threads = new DefaultThreadFactory("load-engine", true);
    this.group = epoll ? new EpollEventLoopGroup(settings.ioThreads(), threads)
        : new NioEventLoopGroup(settings.ioThreads(), threads);
    this.lanes = new Lane[settings.ioThreads()];
    for (int i = 0; i < lanes.length; i++) {
      EventLoop loop = group.next();
      int connections = settings.connectionsPerTarget() / lanes.length
          + (i < settings.connectionsPerTarget() % lanes.length ? 1 : 0);
      lanes[i] = new Lane(loop, bootstraps(loop, epoll, settings), connections, settings);
    }
  }

  private List<Bootstrap> bootstraps(EventLoop loop, boolean epoll, EngineSettings settings) {
    List<Bootstrap> result = new ArrayList<>();
    for (Target target : targets) {
      result.add(new Bootstrap()
          .group(loop)
          .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
          .remoteAddress(target.host(), target.port())
          .handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
              channel.pipeline().addLast(new HttpClientCodec());
            }
          }));
    }
    return result;
  }

  public List<Target> targets() {
    return targets;
  }

  public int laneCount() {
    return lanes.length;
  }

  public Lane lane(int index) {
    return lanes[index];
  }

  /** Hands an exchange to the next lane, round robin; safe from any thread. */
  public void submit(Exchange exchange) {
    Lane lane;
    synchronized (this) {
      lane = lanes[nextLane];
      nextLane = (nextLane + 1) % lanes.length;
    }
    lane.submit(exchange);
  }

  /** Requests sent and not yet answered, plus those waiting for a connection, over all lanes. */
  public int inFlight() {
    int total = 0;
    for (Lane lane : lanes) {
      total += lane.inFlight();
    }
    return total;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** One event loop with its own connections to every target. */
  public static final class Lane {
    private final EventLoop loop;
    private final ConnectionPool[] pools;

    Lane(EventLoop loop, List<Bootstrap> bootstraps, int connectionsPerTarget, EngineSettings settings) {
      this.loop = loop;
      this.pools = new ConnectionPool[bootstraps.size()];
      for (int t = 0; t < pools.length; t++) {
        pools[t] = new ConnectionPool(bootstraps.get(t), t, Math.max(1, connectionsPerTarget), settings);
      }
      loop.scheduleAtFixedRate(this::expire, TIMEOUT_SWEEP_MILLIS, TIMEOUT_SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    public EventLoop loop() {
      return loop;
    }

    /** Sends (or queues) an exchange; call only on this lane's loop. */
    public void send(Exchange exchange) {
      pools[exchange.target()].send(exchange);
    }

    void submit(Exchange exchange) {
      if (loop.inEventLoop()) {
        send(exchange);
      } else {
        loop.execute(() -> send(exchange));
      }
    }

    int inFlight() {
      int total = 0;
      for (ConnectionPool pool : pools) {
        total += pool.inFlight();
      }
      return total;
    }

    private void expire() {
      long now = System.nanoTime();
      for (ConnectionPool pool : pools) {
        pool.expire(now);
      }
    }
  }
}
