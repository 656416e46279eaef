package io.cellwork.cells.cell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/** Converts between the in-memory {@link CellState} and its stored {@link CellSnapshot}. */
final class CellSnapshotAdapter implements SnapshotAdapter<CellState> {

  @Override
  public Object toJournal(CellState state) {
    List<CellSnapshot.Balance> balances = new ArrayList<>(state.balances().size());
    state.balances().forEach((account, balance) -> balances.add(new CellSnapshot.Balance(account, balance)));
    List<CellSnapshot.Inbound> inbound = new ArrayList<>(state.inbound().size());
    state.inbound().forEach((source, credits) -> {
      List<Long> applied = new ArrayList<>();
      List<Long> refused = new ArrayList<>();
      credits.outcomes().forEach((seq, wasApplied) -> (wasApplied ? applied : refused).add(seq));
      inbound.add(new CellSnapshot.Inbound(source, credits.watermark(), applied, refused));
    });
    return new CellSnapshot(
        new ArrayList<>(state.tasks().values()),
        balances,
        new ArrayList<>(state.openTransfers().values()),
        state.nextTransferSeq(),
        state.finishedCount(),
        inbound);
  }

  @Override
  public CellState fromJournal(Object stored) {
    CellSnapshot snapshot = (CellSnapshot) stored;
    PMap<String, TaskRecord> tasks = HashTreePMap.empty();
    List<TaskRecord> finished = new ArrayList<>();
    for (TaskRecord task : snapshot.tasks()) {
      tasks = tasks.plus(task.id(), task);
      if (task.status().isFinal()) {
        finished.add(task);
      }
    }
    // Finish order is rebuilt from finish times; only the retention sweep depends on it.
    finished.sort(Comparator.comparingLong(TaskRecord::finishedAt).thenComparing(TaskRecord::id));
    PSortedMap<Long, String> finishOrder = TreePMap.empty();
    long position = snapshot.finishedCount() - finished.size();
    for (TaskRecord task : finished) {
      finishOrder = finishOrder.plus(position++, task.id());
    }
    PMap<io.cellwork.cells.ledger.AccountId, Long> balances = HashTreePMap.empty();
    for (CellSnapshot.Balance balance : snapshot.balances()) {
      balances = balances.plus(balance.account(), balance.balance());
    }
    PMap<String, OpenTransfer> open = HashTreePMap.empty();
    PSortedMap<Long, String> openSeqs = TreePMap.empty();
    for (OpenTransfer transfer : snapshot.openTransfers()) {
      open = open.plus(transfer.taskId(), transfer);
      openSeqs = openSeqs.plus(transfer.transferSeq(), transfer.taskId());
    }
    PMap<Integer, InboundCredits> inbound = HashTreePMap.empty();
    for (CellSnapshot.Inbound source : snapshot.inbound()) {
      Map<Long, Boolean> outcomes = new TreeMap<>();
      source.applied().forEach(seq -> outcomes.put(seq, true));
      source.refused().forEach(seq -> outcomes.put(seq, false));
      inbound = inbound.plus(source.sourceCell(), InboundCredits.restore(source.watermark(), outcomes));
    }
    return new CellState(
        tasks, finishOrder, snapshot.finishedCount(), balances, open, openSeqs,
        snapshot.nextTransferSeq(), inbound);
  }
}
