package io.cellwork.loaddriver.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellwork.loaddriver.check.BankCheck.Movement;
import io.cellwork.loaddriver.check.BankCheck.Result;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BankCheckTest {
  private static final Map<String, Long> OPENING = Map.of("a", 100L, "b", 50L, "c", 0L);
  private static final List<Movement> DONE = List.of(
      Movement.transfer("a", "b", 30),
      Movement.transfer("b", "c", 70),
      Movement.deposit("a", 10),
      Movement.withdrawal("c", 20),
      Movement.deposit("d", 5));
  /** a = 100 − 30 + 10, b = 50 + 30 − 70, c = 0 + 70 − 20, d = 5. */
  private static final Map<String, Long> CLOSING = Map.of("a", 80L, "b", 10L, "c", 50L, "d", 5L);

  private static Map<String, Long> closingWith(String account, long balance) {
    Map<String, Long> closing = new HashMap<>(CLOSING);
    closing.put(account, balance);
    return closing;
  }

  @Test
  void aCorrectLedgerPasses() {
    assertEquals(new Result(true, List.of()), BankCheck.check(OPENING, CLOSING, DONE));
  }

  @Test
  void moneyCreatedIsCaught() {
    Result result = BankCheck.check(OPENING, closingWith("b", 11), DONE);
    assertFalse(result.ok());
    assertEquals(List.of(
        "total not conserved: closing 146, expected 145 (opening 150 + deposits 15 - withdrawals 20): money created 1",
        "account b: closing balance 11, expected 10 from opening 50 and done movements (off by +1)"),
        result.violations());
  }

  @Test
  void moneyLostIsCaught() {
    Result result = BankCheck.check(OPENING, closingWith("c", 40), DONE);
    assertFalse(result.ok());
    assertTrue(result.violations().get(0).endsWith("money lost 10"), result.violations().toString());
    assertTrue(result.violations().contains(
        "account c: closing balance 40, expected 50 from opening 0 and done movements (off by -10)"));
  }

  @Test
  void aNegativeBalanceIsCaughtEvenWhenTheMovementsImplyIt() {
    Map<String, Long> opening = Map.of("a", 10L, "b", 0L);
    List<Movement> done = List.of(Movement.transfer("a", "b", 25));
    Result result = BankCheck.check(opening, Map.of("a", -15L, "b", 25L), done);
    assertEquals(List.of("account a: negative balance -15"), result.violations());
  }

  @Test
  void aSingleWrongAccountWithTheTotalConservedIsCaught() {
    // A transfer applied to the wrong destination keeps the total but not the accounts.
    Map<String, Long> closing = new HashMap<>(CLOSING);
    closing.put("b", 0L);
    closing.put("d", 15L);
    Result result = BankCheck.check(OPENING, closing, DONE);
    assertEquals(List.of(
        "account b: closing balance 0, expected 10 from opening 50 and done movements (off by -10)",
        "account d: closing balance 15, expected 5 from opening 0 and done movements (off by +10)"),
        result.violations());
  }

  @Test
  void malformedMovementsAreReported() {
    Result result = BankCheck.check(Map.of(), Map.of(), List.of(new Movement(null, null, 5), Movement.deposit("a", 0)));
    assertEquals(2, result.violations().size(), result.violations().toString());
    assertTrue(result.violations().get(0).startsWith("movement #0 is malformed"));
  }
}
