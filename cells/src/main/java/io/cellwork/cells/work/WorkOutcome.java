package io.cellwork.cells.work;

import io.cellwork.cells.serialization.CellworkSerializable;
import java.util.Map;
import java.util.Objects;

/** How a piece of work ended: a flat result map, or an error code. */
public sealed interface WorkOutcome extends CellworkSerializable {

  record Succeeded(Map<String, Object> result) implements WorkOutcome {
    public Succeeded {
      result = result == null ? Map.of() : Map.copyOf(result);
    }
  }

  record Failed(String error) implements WorkOutcome {
    public Failed {
      Objects.requireNonNull(error, "error");
    }
  }

  static WorkOutcome succeeded(Map<String, Object> result) {
    return new Succeeded(result);
  }

  static WorkOutcome failed(String error) {
    return new Failed(error);
  }
}
