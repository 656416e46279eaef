package io.cellwork.killswitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KillSwitchViewTest {
  private static final TaskTarget ACME_ECHO_ON_CELL_3 = new TaskTarget("127.0.0.1:25520", 3, "acme", "echo");

  @Test
  void scopesParseFromTheirWrittenForm() {
    assertEquals(new Scope.Global(), Scope.parse("global"));
    assertEquals(new Scope.Node("127.0.0.1:25521"), Scope.parse("node:127.0.0.1:25521"));
    assertEquals(new Scope.Cell(7), Scope.parse("cell:7"));
    assertEquals(new Scope.Tenant("acme"), Scope.parse("tenant:acme"));
    assertEquals(new Scope.Kind("ledger.transfer"), Scope.parse("kind:ledger.transfer"));
    assertEquals(new Scope.Automation("hot-key-pinning"), Scope.parse("automation:hot-key-pinning"));
    assertEquals(new Scope.Model("task-cost"), Scope.parse("model:task-cost"));
    assertEquals("tenant:acme", Scope.parse("tenant:acme").wireName());
    assertThrows(IllegalArgumentException.class, () -> Scope.parse("planet:mars"));
    assertThrows(IllegalArgumentException.class, () -> Scope.parse("cell:-1"));
    assertThrows(IllegalArgumentException.class, () -> Scope.parse("tenant:"));
    assertThrows(IllegalArgumentException.class, () -> Scope.parse("tenant:has space"));
  }

  @Test
  void aSwitchCoversTheTasksInItsScopeOnly() {
    for (String covering : List.of("global", "node:127.0.0.1:25520", "cell:3", "tenant:acme", "kind:echo")) {
      KillSwitchView view = KillSwitchView.of(List.of(engaged("s1", covering, Mode.REJECT_NEW, 0)));
      assertEquals("s1", view.covering(ACME_ECHO_ON_CELL_3, 1_000).id(), covering);
      assertTrue(Scope.parse(covering).covers(ACME_ECHO_ON_CELL_3), covering);
    }
    for (String other : List.of("node:127.0.0.1:25521", "cell:4", "tenant:globex", "kind:cpu", "model:task-cost")) {
      KillSwitchView view = KillSwitchView.of(List.of(engaged("s1", other, Mode.HARD_STOP, 0)));
      assertNull(view.covering(ACME_ECHO_ON_CELL_3, 1_000), other);
      assertFalse(Scope.parse(other).covers(ACME_ECHO_ON_CELL_3), other);
    }
  }

  @Test
  void theMostSevereCoveringSwitchWins() {
    KillSwitchView view = KillSwitchView.of(List.of(
        engaged("reject", "global", Mode.REJECT_NEW, 0),
        engaged("stop", "tenant:acme", Mode.HARD_STOP, 0),
        engaged("drain", "cell:3", Mode.DRAIN, 0)));
    assertEquals("stop", view.covering(ACME_ECHO_ON_CELL_3, 1_000).id());
  }

  @Test
  void aSwitchWithATtlReleasesItselfWhenItExpires() {
    KillSwitchView view = KillSwitchView.of(List.of(engaged("ttl", "tenant:acme", Mode.REJECT_NEW, 60)));
    assertEquals("ttl", view.covering(ACME_ECHO_ON_CELL_3, 1_000 + 59_999).id());
    assertNull(view.covering(ACME_ECHO_ON_CELL_3, 1_000 + 60_000));
  }

  @Test
  void automationAndModelScopesAreCheckedThroughTheSameView() {
    KillSwitchView view = KillSwitchView.of(List.of(
        engaged("a", "automation:pinning", Mode.REJECT_NEW, 0), engaged("m", "model:task-cost", Mode.REJECT_NEW, 0)));
    assertEquals("a", view.coveringAutomation("pinning", 1_000).id());
    assertNull(view.coveringAutomation("retries", 1_000));
    assertEquals("m", view.coveringModel("task-cost", 1_000).id());
    assertNull(view.covering(ACME_ECHO_ON_CELL_3, 1_000));
  }

  @Test
  void theBoardPublishesWholeViews() {
    KillSwitchBoard board = new KillSwitchBoard();
    assertEquals(0, board.view().all().size());
    board.publish(KillSwitchView.of(List.of(engaged("g", "global", Mode.DRAIN, 0))));
    assertEquals("g", board.view().covering(ACME_ECHO_ON_CELL_3, 1_000).id());
  }

  private static KillSwitch engaged(String id, String scope, Mode mode, long ttlSeconds) {
    return new KillSwitch(id, Scope.parse(scope), mode, "test", "alice", 1_000, ttlSeconds);
  }
}
