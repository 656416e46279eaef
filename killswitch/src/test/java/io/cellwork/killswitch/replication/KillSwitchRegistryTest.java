package io.cellwork.killswitch.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellwork.killswitch.AuditEntry;
import io.cellwork.killswitch.KillSwitch;
import io.cellwork.killswitch.KillSwitchBoard;
import io.cellwork.killswitch.KillSwitchesChanged;
import io.cellwork.killswitch.ManualClock;
import io.cellwork.killswitch.Mode;
import io.cellwork.killswitch.Scope;
import io.cellwork.killswitch.TaskTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorSettings;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry on a one-node cluster, with a clock the test moves: engage, release, TTL, audit. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillSwitchRegistryTest {
  private static final TaskTarget ACME_ECHO = new TaskTarget("127.0.0.1:1", 3, "acme", "echo");

  @JUnit5TestKit
  final ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  private ManualClock clock;
  private KillSwitchBoard board;
  private ActorRef<KillSwitchRegistry.Command> registry;
  private int incarnation;

  @BeforeAll
  void joinItself() {
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(MemberStatus.up(), cluster.selfMember().status());
      return null;
    });
  }

  @BeforeEach
  void startRegistry() {
    clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
    board = new KillSwitchBoard();
    KillSwitchSettings settings = KillSwitchSettings.fromConfig(testKit.system().settings().config().getConfig("cellwork.killswitch"));
    // a fresh replicator per test, so no test sees another's switches
    ActorRef<Replicator.Command> replicator = testKit.spawn(
        Replicator.behavior(ReplicatorSettings.create(testKit.system())), "replicator-" + incarnation);
    registry = testKit.spawn(KillSwitchRegistry.create(replicator, board, settings, clock), "registry-" + incarnation++);
  }

  @Test
  void anEngagedSwitchIsEnforcedAnnouncedAndAudited() {
    TestProbe<KillSwitchesChanged> announcements = testKit.createTestProbe();
    testKit.system().eventStream().tell(new EventStream.Subscribe<>(KillSwitchesChanged.class, announcements.getRef()));

    KillSwitchRegistry.Engaged engaged = engage(Scope.parse("tenant:acme"), Mode.DRAIN, 0);
    KillSwitch killSwitch = engaged.killSwitch();
    assertTrue(engaged.confirmedByAll(), "the only node confirmed");
    assertEquals(clock.millis(), killSwitch.engagedAt());
    assertEquals("alice", killSwitch.operator());
    assertEquals(killSwitch, board.view().covering(ACME_ECHO, clock.millis()), "enforced as soon as the engage returns");
    announcements.expectMessage(KillSwitchesChanged.INSTANCE);

    List<AuditEntry> audit = awaitAudit(1);
    AuditEntry entry = audit.get(0);
    assertEquals("engaged", entry.action());
    assertEquals(killSwitch.id(), entry.switchId());
    assertEquals("tenant:acme", entry.scope());
    assertEquals("drain", entry.mode());
    assertEquals("alice", entry.operator());
    assertEquals("2026-11-21T10:00:00Z", entry.at());
    assertFalse(entry.node().isBlank(), "from which node");
  }

  @Test
  void itSaysWhenTheSwitchesAreLoadedAndKeepsSayingSo() {
    TestProbe<KillSwitchRegistry.Loaded> probe = testKit.createTestProbe();
    registry.tell(new KillSwitchRegistry.AwaitLoaded(probe.getRef()));
    probe.expectMessage(KillSwitchRegistry.Loaded.INSTANCE);
    registry.tell(new KillSwitchRegistry.AwaitLoaded(probe.getRef()));
    probe.expectMessage(KillSwitchRegistry.Loaded.INSTANCE);
  }

  @Test
  void releaseStopsEnforcementAndIsAudited() {
    String id = engage(Scope.parse("kind:fail"), Mode.REJECT_NEW, 0).killSwitch().id();
    clock.advance(Duration.ofSeconds(1));
    TestProbe<KillSwitchRegistry.Released> released = testKit.createTestProbe();
    registry.tell(new KillSwitchRegistry.Release(id, "bob", released.getRef()));
    assertTrue(released.receiveMessage().found());
    assertTrue(board.view().isEmpty());

    registry.tell(new KillSwitchRegistry.Release(id, "bob", released.getRef()));
    assertFalse(released.receiveMessage().found(), "a released switch is gone");
    List<AuditEntry> audit = awaitAudit(2);
    assertEquals(List.of("engaged", "released"), audit.stream().map(AuditEntry::action).toList());
    assertEquals("bob", audit.get(1).operator());
  }

  @Test
  void aSwitchWithATtlStopsAtItsEndAndItsExpiryIsAudited() {
    KillSwitch killSwitch = engage(Scope.parse("global"), Mode.HARD_STOP, 60).killSwitch();
    assertNotNull(board.view().covering(ACME_ECHO, clock.millis()));

    clock.advance(Duration.ofSeconds(61));
    assertNull(board.view().covering(ACME_ECHO, clock.millis()), "not enforced past its TTL, sweep or not");
    List<AuditEntry> audit = awaitAudit(2);
    assertEquals("expired", audit.get(1).action());
    assertEquals(killSwitch.id(), audit.get(1).switchId());
    assertEquals(Instant.ofEpochMilli(killSwitch.expiresAt()).toString(), audit.get(1).at());
    TestProbe<KillSwitchRegistry.Switches> listed = testKit.createTestProbe();
    listed.awaitAssert(Duration.ofSeconds(3), () -> {
      registry.tell(new KillSwitchRegistry.GetSwitches(listed.getRef()));
      assertTrue(listed.receiveMessage().switches().isEmpty());
      return null;
    });
  }

  @Test
  void refusedAttemptsAreAuditedToo() {
    registry.tell(new KillSwitchRegistry.RecordDenied("anonymous", "POST /v1/killswitches", "no bearer token"));
    AuditEntry entry = awaitAudit(1).get(0);
    assertEquals("denied", entry.action());
    assertEquals("POST /v1/killswitches", entry.scope());
    assertEquals("no bearer token", entry.reason());
  }

  @Test
  void theReplicatedAuditKeepsOnlyTheMostRecentEntries() {
    TestProbe<KillSwitchRegistry.Switches> processed = testKit.createTestProbe();
    for (int i = 0; i < 12; i++) {
      clock.advance(Duration.ofSeconds(1));
      registry.tell(new KillSwitchRegistry.RecordDenied("anonymous", "attempt " + i, "no bearer token"));
      registry.tell(new KillSwitchRegistry.GetSwitches(processed.getRef()));
      processed.receiveMessage(); // the entry is stamped with this second before the clock moves on
    }
    TestProbe<KillSwitchRegistry.Audit> probe = testKit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(3), () -> {
      registry.tell(new KillSwitchRegistry.GetAudit(probe.getRef()));
      List<String> kept = probe.receiveMessage().entries().stream().map(AuditEntry::scope).toList();
      assertEquals(List.of("attempt 7", "attempt 8", "attempt 9", "attempt 10", "attempt 11"), kept, "audit-retained = 5");
      return null;
    });
  }

  @Test
  void idsAreNeverReused() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String id = engage(Scope.parse("tenant:t" + i), Mode.REJECT_NEW, 0).killSwitch().id();
      assertTrue(ids.add(id), "id " + id + " given twice");
    }
    TestProbe<KillSwitchRegistry.Switches> listed = testKit.createTestProbe();
    registry.tell(new KillSwitchRegistry.GetSwitches(listed.getRef()));
    assertEquals(200, listed.receiveMessage().switches().size());
  }

  private KillSwitchRegistry.Engaged engage(Scope scope, Mode mode, long ttlSeconds) {
    TestProbe<KillSwitchRegistry.Engaged> probe = testKit.createTestProbe();
    registry.tell(new KillSwitchRegistry.Engage(scope, mode, "test", "alice", ttlSeconds, probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(5));
  }

  private List<AuditEntry> awaitAudit(int entries) {
    TestProbe<KillSwitchRegistry.Audit> probe = testKit.createTestProbe();
    return probe.awaitAssert(Duration.ofSeconds(3), () -> {
      registry.tell(new KillSwitchRegistry.GetAudit(probe.getRef()));
      List<AuditEntry> audit = probe.receiveMessage().entries();
      assertEquals(entries, audit.size(), audit.toString());
      return audit;
    });
  }
}
