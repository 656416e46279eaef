package io.cellwork.killswitch.replication;

import io.cellwork.killswitch.AuditEntry;
import io.cellwork.killswitch.KillSwitch;
import io.cellwork.killswitch.KillSwitchBoard;
import io.cellwork.killswitch.KillSwitchView;
import io.cellwork.killswitch.KillSwitchWire;
import io.cellwork.killswitch.KillSwitchesChanged;
import io.cellwork.killswitch.Mode;
import io.cellwork.killswitch.Scope;
import io.cellwork.killswitch.SwitchState;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ddata.ORSet;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.ReplicatedData;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;

/**
 * The node's copy of the cluster's kill switches, kept in step with every other node's through
 * Distributed Data: an engage or release is applied here at once, pushed to the other nodes'
 * registries (so they enforce it within a message's time), written directly to every reachable
 * replica (gossiped to the rest later), stored durably on disk so a full cluster restart keeps
 * it, and audited. Each change becomes a new {@link KillSwitchView} on the
 * node's {@link KillSwitchBoard}, announced on the event stream.
 *
 * <p>Availability over consistency, on purpose: a node cut off from the majority still engages
 * at once on its side and converges when the partition heals (CRDTs merge without coordination),
 * because a human override must never wait for coordination. Each node also records that it
 * applied a switch, which gives the convergence view of {@code GET /v1/killswitches}.
 */
public final class KillSwitchRegistry extends AbstractBehavior<KillSwitchRegistry.Command> {

  static final Key<LWWMap<String, KillSwitch>> SWITCHES = LWWMapKey.create("killswitches");

  /** Every node's registry, so each can push changes to the others. */
  static final ServiceKey<Command> REGISTRIES = ServiceKey.create(Command.class, "killSwitchRegistry");

  // ---- protocol ----

  public sealed interface Command extends KillSwitchWire {}

  public record Engage(Scope scope, Mode mode, String reason, String operator, long ttlSeconds, ActorRef<Engaged> replyTo)
      implements Command {}

  public record Release(String id, String operator, ActorRef<Released> replyTo) implements Command {}

  public record GetSwitches(ActorRef<Switches> replyTo) implements Command {}

  public record GetAudit(ActorRef<Audit> replyTo) implements Command {}

  /**
   * Answered once this node's switches are loaded (from disk after a restart): a node starts its
   * cells and serves only after that, so it never runs work a switch it already knew would stop.
   */
  public record AwaitLoaded(ActorRef<Loaded> replyTo) implements Command {}

  public enum Loaded implements KillSwitchWire { INSTANCE }

  /** An attempt the API refused (no token, role too low): it is audited too. */
  public record RecordDenied(String operator, String attempted, String why) implements Command {}

  /** @param confirmedByAll every reachable node acknowledged it within the write timeout */
  public record Engaged(KillSwitch killSwitch, boolean confirmedByAll) implements KillSwitchWire {}

  public record Released(String id, boolean found, boolean confirmedByAll) implements KillSwitchWire {}

  public record Switches(List<SwitchState> switches) implements KillSwitchWire {}

  public record Audit(List<AuditEntry> entries) implements KillSwitchWire {}

  private enum Tick implements Command { INSTANCE }

  /** A peer's engage, pushed to every registry so it is enforced before replication reports it. */
  private record PeerEngaged(KillSwitch killSwitch) implements Command {}

  private record PeerReleased(String id) implements Command {}

  private record PeersChanged(Set<ActorRef<Command>> registries) implements Command {}

  private record SwitchesChanged(Map<String, KillSwitch> switches) implements Command {}

  private record AuditChanged(List<AuditEntry> entries) implements Command {}

  private record AppliedChanged(Map<String, String> applied) implements Command {}

  /** An engage has been written everywhere reachable (or the write timed out). */
  private record EngageWritten(Engaged outcome, ActorRef<Engaged> replyTo) implements Command {}

  private record ReleaseWritten(Released outcome, ActorRef<Released> replyTo) implements Command {}

  private enum Ignored implements Command { INSTANCE }

  /** The first local read of the switches (the replicator answers it only after its durable load). */
  private record FirstRead(Map<String, KillSwitch> switches) implements Command {}

  // ---- wiring ----

  public static Behavior<Command> create(
      ActorRef<Replicator.Command> replicator, KillSwitchBoard board, KillSwitchSettings settings, Clock clock) {
    // restarted on failure: it re-subscribes and gets the replicated state back at once
    return Behaviors.supervise(Behaviors.<Command>setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.ttlSweepInterval());
      return new KillSwitchRegistry(ctx, replicator, board, settings, clock);
    }))).onFailure(SupervisorStrategy.restart());
  }

  private final KillSwitchBoard board;
  private final KillSwitchSettings settings;
  private final Clock clock;
  private final SelfUniqueAddress self;
  private final String nodeName;
  private final SecureRandom random = new SecureRandom();
  private final ReplicatorMessageAdapter<Command, LWWMap<String, KillSwitch>> switchesAdapter;
  private final AuditTrail audit;
  private final ConvergenceNotes convergence;
  private final EnforcedSwitches switches = new EnforcedSwitches();
  /** The registries of the other nodes, told of every engage and release directly. */
  private Set<ActorRef<Command>> peers = Set.of();
  private boolean loaded;
  private boolean changeSeen;
  private final List<ActorRef<Loaded>> awaitingLoad = new ArrayList<>();

  private KillSwitchRegistry(
      ActorContext<Command> ctx, ActorRef<Replicator.Command> replicator, KillSwitchBoard board,
      KillSwitchSettings settings, Clock clock) {
    super(ctx);
    this.board = board;
    this.settings = settings;
    this.clock = clock;
    this.self = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
    this.nodeName = self.uniqueAddress().address().getHost().orElse("local") + ":"
        + self.uniqueAddress().address().getPort().map(String::valueOf).orElse("0");
    // The replicator itself answers every write within the write timeout (UpdateTimeout when not
    // all confirmed). The adapters' own timeout only catches a replicator that never answers, and
    // must not race that answer: an adapter timeout fails this actor.
    Duration unanswered = settings.writeTimeout().multipliedBy(2);
    this.switchesAdapter = new ReplicatorMessageAdapter<>(ctx, replicator, unanswered);
    this.audit = new AuditTrail(new ReplicatorMessageAdapter<>(ctx, replicator, unanswered), self, writeAll(),
        settings.auditRetained(), ctx.getLog(), Ignored.INSTANCE);
    this.convergence = new ConvergenceNotes(
        new ReplicatorMessageAdapter<>(ctx, replicator, unanswered), self, nodeName, clock, Ignored.INSTANCE);
    // One adapter for all three keys: message adapters are per message class, so one per key
    // would replace each other and hand every change to the last one.
    ActorRef<Replicator.SubscribeResponse<ReplicatedData>> changes =
        ctx.messageAdapter(responseClass(), KillSwitchRegistry::fromReplicator);
    subscribe(replicator, SWITCHES, changes);
    subscribe(replicator, AuditTrail.KEY, changes);
    subscribe(replicator, ConvergenceNotes.KEY, changes);
    ctx.getSystem().receptionist().tell(Receptionist.register(REGISTRIES, ctx.getSelf()));
    ctx.getSystem().receptionist().tell(Receptionist.subscribe(REGISTRIES,
        ctx.messageAdapter(Receptionist.Listing.class, listing -> new PeersChanged(listing.getServiceInstances(REGISTRIES)))));
    switchesAdapter.askGet(
        replyTo -> new Replicator.Get<>(SWITCHES, Replicator.readLocal(), replyTo),
        response -> new FirstRead(response instanceof Replicator.GetSuccess<LWWMap<String, KillSwitch>> found
            ? Map.copyOf(found.get(SWITCHES).getEntries())
            : Map.of()));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Class<Replicator.SubscribeResponse<ReplicatedData>> responseClass() {
    return (Class) Replicator.SubscribeResponse.class;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void subscribe(
      ActorRef<Replicator.Command> replicator, Key<?> key, ActorRef<Replicator.SubscribeResponse<ReplicatedData>> changes) {
    replicator.tell(new Replicator.Subscribe(key, changes));
  }

  @SuppressWarnings("unchecked")
  private static Command fromReplicator(Replicator.SubscribeResponse<ReplicatedData> response) {
    if (!(response instanceof Replicator.Changed<ReplicatedData> changed)) {
      return Ignored.INSTANCE;
    }
    Key<?> key = changed.key();
    if (key.equals(SWITCHES)) {
      return new SwitchesChanged(Map.copyOf(((LWWMap<String, KillSwitch>) changed.dataValue()).getEntries()));
    }
    if (key.equals(AuditTrail.KEY)) {
      return new AuditChanged(List.copyOf(((ORSet<AuditEntry>) changed.dataValue()).getElements()));
    }
    if (key.equals(ConvergenceNotes.KEY)) {
      return new AppliedChanged(Map.copyOf(((LWWMap<String, String>) changed.dataValue()).getEntries()));
    }
    return Ignored.INSTANCE;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Engage.class, this::onEngage)
        .onMessage(Release.class, this::onRelease)
        .onMessage(GetSwitches.class, this::onGetSwitches)
        .onMessage(GetAudit.class, this::onGetAudit)
        .onMessage(RecordDenied.class, this::onRecordDenied)
        .onMessage(SwitchesChanged.class, changed -> {
          changeSeen = true;
          switches.replicated(changed.switches());
          publish();
          return this;
        })
        .onMessage(PeerEngaged.class, pushed -> {
          switches.engaged(pushed.killSwitch(), clock.millis());
          publish();
          return this;
        })
        .onMessage(PeerReleased.class, pushed -> {
          switches.released(pushed.id());
          publish();
          return this;
        })
        .onMessage(PeersChanged.class, changed -> {
          peers = changed.registries();
          return this;
        })
        .onMessage(FirstRead.class, this::onFirstRead)
        .onMessage(AwaitLoaded.class, await -> {
          if (loaded) {
            await.replyTo().tell(Loaded.INSTANCE);
          } else {
            awaitingLoad.add(await.replyTo());
          }
          return this;
        })
        .onMessage(AuditChanged.class, changed -> {
          audit.replicated(changed.entries());
          return this;
        })
        .onMessage(AppliedChanged.class, changed -> {
          convergence.replicated(changed.applied());
          return this;
        })
        .onMessage(EngageWritten.class, written -> {
          written.replyTo().tell(written.outcome());
          return this;
        })
        .onMessage(ReleaseWritten.class, written -> {
          written.replyTo().tell(written.outcome());
          return this;
        })
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessageEquals(Ignored.INSTANCE, () -> this)
        .build();
  }

  // ---- commands ----

  private Behavior<Command> onFirstRead(FirstRead read) {
    if (!loaded) {
      if (!changeSeen) {
        switches.replicated(read.switches()); // else a change notification came first, and is newer
        publish();
      }
      loaded = true;
      awaitingLoad.forEach(waiting -> waiting.tell(Loaded.INSTANCE));
      awaitingLoad.clear();
    }
    return this;
  }

  private Behavior<Command> onEngage(Engage cmd) {
    long now = clock.millis();
    KillSwitch engaged = new KillSwitch(newId(), cmd.scope(), cmd.mode(), cmd.reason(), cmd.operator(), now, cmd.ttlSeconds());
    switches.engaged(engaged, now);
    publish(); // enforced here at once, whatever the rest of the cluster is doing
    tellPeers(new PeerEngaged(engaged));
    switchesAdapter.askUpdate(
        replyTo -> new Replicator.Update<>(SWITCHES, LWWMap.create(), writeAll(), replyTo,
            map -> map.put(self, engaged.id(), engaged)),
        response -> new EngageWritten(new Engaged(engaged, confirmedByAll(response)), cmd.replyTo()));
    audit.record(new AuditEntry(Instant.ofEpochMilli(now).toString(), "engaged", engaged.id(), engaged.scope().wireName(),
        engaged.mode().wireName(), engaged.reason(), engaged.operator(), nodeName));
    return this;
  }

  private Behavior<Command> onRelease(Release cmd) {
    KillSwitch released = switches.get(cmd.id());
    if (released == null) {
      cmd.replyTo().tell(new Released(cmd.id(), false, true));
      return this;
    }
    switches.released(cmd.id());
    publish();
    tellPeers(new PeerReleased(cmd.id()));
    switchesAdapter.askUpdate(
        replyTo -> new Replicator.Update<>(SWITCHES, LWWMap.create(), writeAll(), replyTo, map -> map.remove(self, cmd.id())),
        response -> new ReleaseWritten(new Released(cmd.id(), true, confirmedByAll(response)), cmd.replyTo()));
    audit.record(new AuditEntry(Instant.ofEpochMilli(clock.millis()).toString(), "released", released.id(),
        released.scope().wireName(), released.mode().wireName(), released.reason(), cmd.operator(), nodeName));
    return this;
  }

  private Behavior<Command> onGetSwitches(GetSwitches cmd) {
    long now = clock.millis();
    List<SwitchState> states = new ArrayList<>();
    for (KillSwitch s : switches.current().values()) {
      if (s.isActiveAt(now)) {
        states.add(new SwitchState(s, convergence.appliedAt(s.id())));
      }
    }
    states.sort(Comparator.comparingLong((SwitchState s) -> s.killSwitch().engagedAt()).thenComparing(s -> s.killSwitch().id()));
    cmd.replyTo().tell(new Switches(states));
    return this;
  }

  private Behavior<Command> onGetAudit(GetAudit cmd) {
    cmd.replyTo().tell(new Audit(audit.entries()));
    return this;
  }

  private Behavior<Command> onRecordDenied(RecordDenied cmd) {
    audit.record(new AuditEntry(Instant.ofEpochMilli(clock.millis()).toString(), "denied", "-", cmd.attempted(), "-",
        cmd.why(), cmd.operator(), nodeName));
    return this;
  }

  /** Switches past their TTL leave the replicated set; any node may do it, the audit line is the same. */
  private Behavior<Command> onTick() {
    long now = clock.millis();
    List<KillSwitch> expired = switches.current().values().stream().filter(s -> !s.isActiveAt(now)).toList();
    for (KillSwitch s : expired) {
      switches.released(s.id()); // swept once here, not again on the next tick
      switchesAdapter.askUpdate(
          replyTo -> new Replicator.Update<>(SWITCHES, LWWMap.create(), Replicator.writeLocal(), replyTo,
              map -> map.remove(self, s.id())),
          response -> Ignored.INSTANCE);
      audit.record(new AuditEntry(Instant.ofEpochMilli(s.expiresAt()).toString(), "expired", s.id(), s.scope().wireName(),
          s.mode().wireName(), s.reason(), s.operator(), "ttl"));
    }
    List<KillSwitch> unconfirmed = switches.dropUnconfirmedSince(now - settings.pushConfirmTimeout().toMillis());
    unconfirmed.forEach(s -> getContext().getLog().warn(
        "dropping switch {} ({}): pushed by a peer but never replicated within {}", s.id(), s.scope().wireName(),
        settings.pushConfirmTimeout()));
    if (!expired.isEmpty() || !unconfirmed.isEmpty()) {
      publish();
    }
    return this;
  }

  // ---- replication ----

  /** Pushes a change to the other nodes' registries, ahead of (not instead of) its replication. */
  private void tellPeers(Command change) {
    if (settings.pushToPeers()) {
      ActorRef<Command> me = getContext().getSelf();
      peers.stream().filter(peer -> !peer.equals(me)).forEach(peer -> peer.tell(change));
    }
  }

  /** Written directly to every node (or, if so configured, only here); the rest catch up by gossip. */
  private Replicator.WriteConsistency writeAll() {
    return settings.directWrite() ? new Replicator.WriteAll(settings.writeTimeout()) : Replicator.writeLocal();
  }

  private boolean confirmedByAll(Replicator.UpdateResponse<?> response) {
    return settings.directWrite() && response instanceof Replicator.UpdateSuccess;
  }

  /** Installs the current switches as this node's view, and notes which ones this node now enforces. */
  private void publish() {
    long now = clock.millis();
    List<KillSwitch> active = new ArrayList<>();
    for (KillSwitch s : switches.current().values()) {
      if (s.isActiveAt(now)) {
        active.add(s);
      }
    }
    board.publish(KillSwitchView.of(active));
    getContext().getSystem().eventStream().tell(new EventStream.Publish<>(KillSwitchesChanged.INSTANCE));
    convergence.enforcing(active, id -> switches.get(id) == null);
  }

  /**
   * Random 48-bit ids, unguessable for scripts that would race them, and drawn again in the
   * unlikely case this node has seen the id before (engaged now or in the audit).
   */
  private String newId() {
    while (true) {
      String id = String.format("ks-%012x", random.nextLong() & 0xffffffffffffL);
      if (switches.get(id) == null && !audit.mentions(id)) {
        return id;
      }
    }
  }
}
