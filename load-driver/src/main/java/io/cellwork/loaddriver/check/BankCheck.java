package io.cellwork.loaddriver.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bank scenario's invariants, checked once at the end of a run from the balances read
 * before and after and the movements whose tasks ended {@code done}: (1) money is conserved —
 * the closing total equals the opening total plus deposits minus withdrawals; (2) no balance is
 * negative; (3) each account's closing balance equals its opening balance plus what the done
 * movements imply. Accounts missing from a map count as 0. Every violation is reported, one
 * readable line each, accounts in name order. Cost O(accounts + movements); pure.
 */
public final class BankCheck {
  private BankCheck() {}

  /**
   * A done ledger movement of {@code amount} minor units: a transfer from {@code from} to
   * {@code to}; {@code from == null} is a deposit to {@code to}, {@code to == null} a
   * withdrawal from {@code from}.
   */
  public record Movement(String from, String to, long amount) {
    public static Movement deposit(String to, long amount) {
      return new Movement(null, to, amount);
    }

    public static Movement withdrawal(String from, long amount) {
      return new Movement(from, null, amount);
    }

    public static Movement transfer(String from, String to, long amount) {
      return new Movement(from, to, amount);
    }
  }

  /** {@code ok} exactly when {@code violations} is empty. */
  public record Result(boolean ok, List<String> violations) {
    public Result {
      violations = List.copyOf(violations);
    }
  }

  public static Result check(
      Map<String, Long> opening, Map<String, Long> closing, List<Movement> doneMovements) {
    Objects.requireNonNull(opening, "opening");
    Objects.requireNonNull(closing, "closing");
    Objects.requireNonNull(doneMovements, "doneMovements");
    List<String> violations = new ArrayList<>();
    Map<String, Long> expected = new TreeMap<>();
    opening.forEach((account, balance) -> expected.merge(account, orZero(balance), Math::addExact));
    long deposits = 0;
    long withdrawals = 0;
    for (int i = 0; i < doneMovements.size(); i++) {
      Movement m = doneMovements.get(i);
      if (m == null || (m.from() == null && m.to() == null) || m.amount() <= 0) {
        violations.add("movement #" + i + " is malformed (needs an account and a positive amount): " + m);
        continue;
      }
      if (m.from() == null) {
        deposits += m.amount();
      } else {
        expected.merge(m.from(), -m.amount(), Math::addExact);
      }
      if (m.to() == null) {
        withdrawals += m.amount();
      } else {
        expected.merge(m.to(), m.amount(), Math::addExact);
      }
    }

    long openingTotal = total(opening);
    long closingTotal = total(closing);
    long expectedTotal = openingTotal + deposits - withdrawals;
    if (closingTotal != expectedTotal) {
      long diff = closingTotal - expectedTotal;
      violations.add(
          String.format(
              "total not conserved: closing %d, expected %d (opening %d + deposits %d"
                  + " - withdrawals %d): %s %d",
              closingTotal, expectedTotal, openingTotal, deposits, withdrawals,
              diff > 0 ? "money created" : "money lost", Math.abs(diff)));
    }

    TreeSet<String> accounts = new TreeSet<>(expected.keySet());
    accounts.addAll(closing.keySet());
    for (String account : accounts) {
      long actual = orZero(closing.get(account));
      if (actual < 0) {
        violations.add("account " + account + ": negative balance " + actual);
      }
    }
    for (String account : accounts) {
      long actual = orZero(closing.get(account));
      long want = expected.getOrDefault(account, 0L);
      if (actual != want) {
        violations.add(
            String.format(
                "account %s: closing balance %d, expected %d from opening %d and done movements"
                    + " (off by %+d)",
                account, actual, want, orZero(opening.get(account)), actual - want));
      }
    }
    return new Result(violations.isEmpty(), violations);
  }

  private static long total(Map<String, Long> balances) {
    return balances.values().stream().mapToLong(BankCheck::orZero).reduce(0, Math::addExact);
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
