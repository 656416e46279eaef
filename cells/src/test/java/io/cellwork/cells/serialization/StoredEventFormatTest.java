package io.cellwork.cells.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.typesafe.config.ConfigFactory;
import io.cellwork.cells.cell.CellEvent;
import io.cellwork.cells.cell.CellSnapshot;
import io.cellwork.cells.cell.OpenTransfer;
import io.cellwork.cells.cell.TaskRecord;
import io.cellwork.cells.ledger.AccountId;
import io.cellwork.cells.task.Durability;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.task.TaskStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Journals outlive releases: bytes written by the first release (kept in {@code
 * src/test/resources/kryo/stored-events-v1.txt}) must read back as the same values forever. Run
 * with {@code -Dcellwork.kryo.writeFixtures=true} to append fixtures for new event types; existing
 * lines are never rewritten, since a failure means stored journals no longer read.
 */
class StoredEventFormatTest {
  private static final Path FIXTURE = Path.of("src/test/resources/kryo/stored-events-v1.txt");

  static Map<String, Object> samples() {
    TaskSpec spec = new TaskSpec("t-1", "acme", "alice", "sleep", Priority.CRITICAL, Durability.DURABLE, Map.of("millis", 20L), 5000);
    AccountId alice = new AccountId("acme", "alice");
    AccountId bob = new AccountId("acme", "bob");
    Map<String, Object> samples = new LinkedHashMap<>();
    samples.put("TaskAccepted", new CellEvent.TaskAccepted(spec, 1_700_000_000_000L));
    samples.put("TaskFinished", new CellEvent.TaskFinished("t-1", TaskStatus.DONE, Map.of("sleptMs", 20L), null, 1_700_000_000_050L));
    samples.put("FundsDeposited", new CellEvent.FundsDeposited("d-1", alice, 500, 1_700_000_000_100L));
    samples.put("FundsWithdrawn", new CellEvent.FundsWithdrawn("w-1", alice, 200, 1_700_000_000_200L));
    samples.put("TransferDebited", new CellEvent.TransferDebited("x-1", alice, bob, 100, 7, 42, 1_700_000_000_300L));
    samples.put("TransferSettled", new CellEvent.TransferSettled("x-1", 1_700_000_000_400L));
    samples.put("TransferRefunded", new CellEvent.TransferRefunded("x-2", "transfer_timed_out", 1_700_000_000_500L));
    samples.put("CreditApplied", new CellEvent.CreditApplied(3, 42, bob, 100, 40, 1_700_000_000_600L));
    samples.put("CreditRefused", new CellEvent.CreditRefused(3, 43, 40, 1_700_000_000_700L));
    samples.put("RetentionSwept", new CellEvent.RetentionSwept(1_699_999_000_000L));
    samples.put("TaskAcceptedAndFinished", new CellEvent.TaskAcceptedAndFinished(
        spec, 1_700_000_000_000L, TaskStatus.FAILED, Map.of(), "injected_failure", 1_700_000_000_001L));
    samples.put("CellSnapshot", new CellSnapshot(
        List.of(new TaskRecord(spec, TaskStatus.DONE, Map.of("sleptMs", 20L), null, 1_700_000_000_000L, 1_700_000_000_050L)),
        List.of(new CellSnapshot.Balance(alice, 200)),
        List.of(new OpenTransfer("x-3", alice, bob, 10, 7, 44, 1_700_000_000_800L, Long.MAX_VALUE)),
        45,
        12,
        List.of(new CellSnapshot.Inbound(3, 40, List.of(42L), List.of(43L)))));
    return samples;
  }

  @Test
  void storedEventsOfTheFirstReleaseStillRead() throws IOException {
    Kryo kryo = KryoFactory.fromConfig(ConfigFactory.load().getConfig("cellwork.serialization.kryo"), null).create();
    if (Boolean.getBoolean("cellwork.kryo.writeFixtures")) {
      writeFixtures(kryo);
    }
    Map<String, Object> expected = samples();
    List<String> lines = Files.readAllLines(FIXTURE, StandardCharsets.UTF_8);
    assertEquals(expected.size(), lines.size(), "one stored sample per event type");
    for (String line : lines) {
      String[] nameAndBytes = line.split(" ", 2);
      Object read = kryo.readClassAndObject(new Input(Base64.getDecoder().decode(nameAndBytes[1])));
      assertEquals(expected.get(nameAndBytes[0]), read, nameAndBytes[0]);
    }
  }

  private static void writeFixtures(Kryo kryo) throws IOException {
    List<String> lines = Files.exists(FIXTURE) ? new ArrayList<>(Files.readAllLines(FIXTURE, StandardCharsets.UTF_8)) : new ArrayList<>();
    for (Map.Entry<String, Object> sample : samples().entrySet()) {
      if (lines.stream().anyMatch(line -> line.startsWith(sample.getKey() + " "))) {
        continue;
      }
      Output output = new Output(1024, -1);
      kryo.writeClassAndObject(output, sample.getValue());
      lines.add(sample.getKey() + " " + Base64.getEncoder().encodeToString(output.toBytes()));
    }
    Files.createDirectories(FIXTURE.getParent());
    Files.write(FIXTURE, lines, StandardCharsets.UTF_8);
  }
}
