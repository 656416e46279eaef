package io.cellwork.killswitch.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cellwork.killswitch.KillSwitch;
import io.cellwork.killswitch.Mode;
import io.cellwork.killswitch.Scope;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnforcedSwitchesTest {
  private static final KillSwitch A = new KillSwitch("ks-a", Scope.parse("tenant:a"), Mode.DRAIN, "r", "op", 0, 0);
  private static final KillSwitch B = new KillSwitch("ks-b", Scope.parse("tenant:b"), Mode.HARD_STOP, "r", "op", 0, 0);

  private final EnforcedSwitches switches = new EnforcedSwitches();

  @Test
  void aReportFromBeforeAnEngageDoesNotUndoIt() {
    switches.engaged(A, 0);
    switches.engaged(B, 0);
    switches.replicated(Map.of("ks-a", A)); // written before B reached the replicator
    assertEquals(Set.of("ks-a", "ks-b"), switches.current().keySet());
    switches.replicated(Map.of("ks-a", A, "ks-b", B));
    assertEquals(Set.of("ks-a", "ks-b"), switches.current().keySet());
  }

  @Test
  void aReportFromBeforeAReleaseDoesNotBringTheSwitchBack() {
    switches.replicated(Map.of("ks-a", A));
    switches.released("ks-a");
    switches.replicated(Map.of("ks-a", A));
    assertNull(switches.get("ks-a"));
    switches.replicated(Map.of());
    switches.replicated(Map.of("ks-a", A)); // engaged again elsewhere: the release was confirmed, this is news
    assertEquals(A, switches.get("ks-a"));
  }

  @Test
  void aPushedEngageThatReplicationNeverConfirmsIsDroppedAfterTheTimeout() {
    switches.engaged(A, 1_000);
    switches.engaged(B, 5_000);
    assertEquals(List.of(A), switches.dropUnconfirmedSince(2_000));
    assertEquals(Set.of("ks-b"), switches.current().keySet());
    switches.replicated(Map.of("ks-b", B));
    assertEquals(List.of(), switches.dropUnconfirmedSince(10_000), "confirmed switches are never dropped");
    assertEquals(B, switches.get("ks-b"));
  }

  @Test
  void aPushArrivingAfterItsReleaseIsIgnored() {
    switches.released("ks-a");
    switches.engaged(A, 0);
    assertNull(switches.get("ks-a"));
  }
}
