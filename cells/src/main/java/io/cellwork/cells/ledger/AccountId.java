package io.cellwork.cells.ledger;

import io.cellwork.cells.serialization.CellworkSerializable;
import java.util.Objects;

/** An account is addressed like any task target: by tenant and key, so it lives in one cell. */
public record AccountId(String tenant, String key) implements CellworkSerializable {
  public AccountId {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(key, "key");
  }

  @Override
  public String toString() {
    return tenant + "/" + key;
  }
}
