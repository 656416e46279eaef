package io.cellwork.cells.cell;

import io.cellwork.cells.cell.CellEvent.RetentionSwept;
import io.cellwork.cells.cell.CellEvent.TaskAccepted;
import io.cellwork.cells.cell.CellEvent.TaskFinished;
import io.cellwork.cells.cluster.NodeAddress;
import io.cellwork.cells.ledger.AccountId;
import io.cellwork.cells.ledger.LedgerOperation;
import io.cellwork.cells.metrics.CellInstruments;
import io.cellwork.cells.serialization.CellworkSerializable;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.task.TaskStatus;
import io.cellwork.cells.task.TaskView;
import io.cellwork.cells.work.WorkHandler;
import io.cellwork.cells.work.WorkOutcome;
import io.cellwork.intelligence.cost.CostFeatures;
import io.cellwork.intelligence.guard.Prediction;
import io.cellwork.killswitch.KillSwitch;
import io.cellwork.killswitch.KillSwitchesChanged;
import io.cellwork.killswitch.breaker.BreakerStatus;
import io.cellwork.killswitch.replication.KillSwitchRegistry;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.apache.pekko.persistence.typed.SnapshotAdapter;

/**
 * A cell: the single writer of a slice of tenants and keys, placed on a node by Cluster Sharding,
 * with one persistence id and one journal.
 *
 * <p>Submissions pass admission (bounded queue per priority, else a rejection with a retry hint),
 * wait in weighted fair queues in one of two lanes, small or large by the node's guarded cost
 * prediction ({@link Backlog}), and run up to {@code max-in-flight} at a time; work runs through
 * {@link WorkHandler}s that never block this actor, and results come back as messages. Durable
 * tasks are acknowledged only once their acceptance is journaled; every event decided while a
 * write is in flight joins the next write ({@link PendingWrites}), so acknowledgements scale with
 * batch size rather than with journal round trips. Transient tasks never touch the journal.
 *
 * <p>Decisions read the working state (journaled plus pending events); queries read only what is
 * journaled, so nobody observes an effect that a crash could still undo.
 */
public final class Cell extends EventSourcedBehavior<Cell.Command, CellEvent, CellState> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Cell");

  static final String DEADLINE_EXCEEDED = "deadline_exceeded";
  static final String HANDLER_FAILED = "handler_failed";
  static final String UNKNOWN_KIND = "unknown_kind";

  // ---- protocol ----

  public sealed interface Command extends CellworkSerializable {}

  /** Submit a task; with {@code awaitCompletion} the reply waits for its final status. */
  public record Submit(TaskSpec task, boolean awaitCompletion, ActorRef<SubmitReply> replyTo) implements Command {}

  public record GetTask(String taskId, ActorRef<TaskLookup> replyTo) implements Command {}

  public record GetBalance(AccountId account, ActorRef<Balance> replyTo) implements Command {}

  public record GetStatus(ActorRef<CellStatus> replyTo) implements Command {}

  /** Saga, source to target: credit {@code to} with {@code amount}, exactly once. */
  public record CreditAccount(int sourceCell, long transferSeq, AccountId to, long amount, long sourceWatermark)
      implements Command {}

  /** Saga, source to target: the source gave up; refuse the credit unless already applied. */
  public record CancelCredit(int sourceCell, long transferSeq, long sourceWatermark) implements Command {}

  /** Saga, target to source: the credit was applied (or refused) for good. */
  public record CreditAnswered(long transferSeq, boolean applied) implements Command {}

  /** Sharding's hand-off message: write what is pending, then stop. */
  public enum Stop implements Command { INSTANCE }

  /** Starts the cell if it is not running; otherwise nothing. */
  public enum WakeUp implements Command { INSTANCE }

  /** An operator's override of the cell's breaker: force it open, or close it. */
  public record SetBreaker(boolean open, ActorRef<BreakerStatus> replyTo) implements Command {}

  /** The node's kill switches changed: cancel what a hard stop now covers. */
  private enum SwitchesChanged implements Command { INSTANCE }

  /** The switch for this cell's open breaker is engaged under this id. */
  private record BreakerSwitchEngaged(String switchId) implements Command {}

  private enum Flush implements Command { INSTANCE }

  private enum Tick implements Command { DEADLINES, RETENTION, TRANSFERS, GAUGES }

  private record WorkDone(String taskId, WorkOutcome outcome, long startedNanos) implements Command {}

  /**
   * A task ready to run: its kind's handler (null for ledger kinds), its cost features, the
   * guarded model's prediction of its service time (reported back with the measured truth) and
   * the lane that prediction put it in.
   */
  record Work(TaskRecord task, WorkHandler handler, CostFeatures features, Prediction cost, Backlog.Lane lane) {}

  public sealed interface SubmitReply extends CellworkSerializable {}

  /** Accepted (or, with {@code replay}, accepted earlier under the same id with the same body). */
  public record Accepted(TaskView task, boolean replay) implements SubmitReply {}

  public record Rejected(RejectReason reason, long retryAfterMillis, String detail) implements SubmitReply {}

  /** The id is taken by a task with a different body. */
  public record Conflict(String taskId) implements SubmitReply {}

  public enum RejectReason {
    /** The priority's queue is at capacity: retry later (HTTP 429). */
    QUEUE_FULL,
    /** A kill switch covers the task: the detail names it (HTTP 503). */
    KILL_SWITCH;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code task} is null when the cell does not know the id (never seen, or forgotten). */
  public record TaskLookup(String taskId, TaskView task) implements CellworkSerializable {}

  public record Balance(AccountId account, long balance) implements CellworkSerializable {}

  public record CellStatus(
      int cell,
      String node,
      Map<String, Integer> queued,
      int inFlight,
      int openTasks,
      int retainedTasks,
      int openTransfers,
      int accounts,
      BreakerStatus breaker,
      Map<String, Integer> draining)
      implements CellworkSerializable {}

  // ---- wiring ----

  public static Behavior<Command> create(int cellId, CellEnvironment env) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Cell(cellId, env, ctx, timers)));
  }

  private final int cellId;
  private final CellEnvironment env;
  private final CellSettings settings;
  private final ActorContext<Command> ctx;
  private final CellInstruments instruments;
  private final String nodeAddress;
  private final CellGuard guard;

  // Runtime state, rebuilt from the journal whenever the cell (re)starts, including the restart
  // after a failed journal write, which keeps this object but must forget everything unjournaled.
  private Backlog backlog;
  private PendingWrites pending;
  private TransientTasks transients;
  private TransferSaga transfers;
  private Waiters waiters;
  /** The work running asynchronously now; a result for anything else is stale and ignored. */
  private Map<String, Work> inFlight;
  private CellState working;

  private Cell(int cellId, CellEnvironment env, ActorContext<Command> ctx, TimerScheduler<Command> timers) {
    super(
        PersistenceId.of(ENTITY_KEY.name(), Integer.toString(cellId)),
        SupervisorStrategy.restartWithBackoff(
            env.settings().restartBackoffMin(), env.settings().restartBackoffMax(), 0.2));
    this.cellId = cellId;
    this.env = env;
    this.settings = env.settings();
    this.ctx = ctx;
    this.instruments = env.metrics().forCell(cellId);
    this.nodeAddress = NodeAddress.of(ctx.getSystem().address());
    this.guard = new CellGuard(cellId, nodeAddress, env,
        ctx.messageAdapter(KillSwitchRegistry.Engaged.class, engaged -> new BreakerSwitchEngaged(engaged.killSwitch().id())));
    ctx.getSystem().eventStream().tell(new EventStream.Subscribe<>(KillSwitchesChanged.class,
        ctx.messageAdapter(KillSwitchesChanged.class, changed -> SwitchesChanged.INSTANCE)));
    resetRuntime(CellState.EMPTY);
    timers.startTimerWithFixedDelay(Tick.DEADLINES, settings.deadlineSweepInterval());
    timers.startTimerWithFixedDelay(Tick.RETENTION, settings.retentionSweepInterval());
    timers.startTimerWithFixedDelay(Tick.TRANSFERS, settings.transferRetryInterval());
    timers.startTimerWithFixedDelay(Tick.GAUGES, settings.metricsPublishInterval());
  }

  @Override
  public CellState emptyState() {
    return CellState.EMPTY;
  }

  @Override
  public String journalPluginId() {
    return settings.journalPluginId();
  }

  @Override
  public String snapshotPluginId() {
    return settings.snapshotPluginId();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEveryEvents(), settings.snapshotsKept())
        .withDeleteEventsOnSnapshot();
  }

  @Override
  public SnapshotAdapter<CellState> snapshotAdapter() {
    return new CellSnapshotAdapter();
  }

  @Override
  public CommandHandler<Command, CellEvent, CellState> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Submit.class, this::onSubmit)
        .onCommand(Flush.class, (state, cmd) -> onFlush())
        .onCommand(WorkDone.class, this::onWorkDone)
        .onCommand(GetTask.class, this::onGetTask)
        .onCommand(GetBalance.class, this::onGetBalance)
        .onCommand(GetStatus.class, this::onGetStatus)
        .onCommand(CreditAccount.class, (state, cmd) -> none(() -> transfers.onCreditAccount(state, cmd)))
        .onCommand(CancelCredit.class, (state, cmd) -> none(() -> transfers.onCancelCredit(state, cmd)))
        .onCommand(CreditAnswered.class, (state, cmd) -> none(() -> transfers.onCreditAnswered(cmd)))
        .onCommand(Tick.class, this::onTick)
        .onCommand(WakeUp.class, (state, cmd) -> Effect().none())
        .onCommand(SwitchesChanged.class, (state, cmd) -> none(this::cancelHardStopped))
        .onCommand(BreakerSwitchEngaged.class, (state, cmd) -> none(() -> guard.onSwitchEngaged(cmd.switchId())))
        .onCommand(SetBreaker.class, (state, cmd) -> none(() -> {
          guard.setBreaker(cmd.open());
          cmd.replyTo().tell(guard.breakerStatus());
          dispatch();
        }))
        .onCommand(Stop.class, (state, cmd) -> onStop())
        .build();
  }

  @Override
  public EventHandler<CellState, CellEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) -> pending.apply(state, event));
  }

  @Override
  public SignalHandler<CellState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::onRecovered)
        .onSignal(PostStop.instance(), state -> instruments.remove())
        .build();
  }

  // ---- submission ----

  private Effect<CellEvent, CellState> onSubmit(CellState journaled, Submit cmd) {
    TaskSpec task = cmd.task();
    KillSwitch engaged = guard.covering(task);
    if (engaged != null) {
      instruments.rejected(RejectReason.KILL_SWITCH.wireName());
      cmd.replyTo().tell(new Rejected(RejectReason.KILL_SWITCH, settings.retryAfterMin().toMillis(), engaged.id()));
      return Effect().none();
    }
    TaskRecord known = working.task(task.id());
    if (known == null) {
      known = transients.get(task.id());
    }
    if (known != null) {
      answerDuplicate(journaled, known, cmd);
      return Effect().none();
    }
    if (!backlog.hasRoom(task.priority())) {
      instruments.rejected(RejectReason.QUEUE_FULL.wireName());
      cmd.replyTo().tell(new Rejected(RejectReason.QUEUE_FULL, retryAfterMillis(),
          "the " + task.priority().wireName() + " queue of cell " + cellId + " is full"));
      return Effect().none();
    }
    long now = env.clock().millis();
    TaskRecord record = TaskRecord.accepted(task, now);
    instruments.accepted(task.durability());
    if (cmd.awaitCompletion()) {
      waiters.add(task.id(), cmd.replyTo());
    }
    if (task.isDurable()) {
      emit(new TaskAccepted(task, now),
          cmd.awaitCompletion() ? null : journaledNow -> replyAccepted(journaledNow, task.id(), cmd.replyTo()));
    } else if (!cmd.awaitCompletion()) {
      cmd.replyTo().tell(new Accepted(record.view(cellId), false));
    }
    Work work = prepare(record);
    if (backlog.mayStartNow(work, inFlight.size()) && guard.mayStart()) {
      start(work); // nothing waits ahead of it in its lane: skip the queue
    } else {
      if (!task.isDurable()) {
        transients.open(record);
      }
      backlog.add(work);
      dispatch();
    }
    return Effect().none();
  }

  private void answerDuplicate(CellState journaled, TaskRecord known, Submit cmd) {
    if (!known.spec().equals(cmd.task())) { // same id, so the bodies differ
      cmd.replyTo().tell(new Conflict(known.id()));
      return;
    }
    if (cmd.awaitCompletion() && !known.status().isFinal()) {
      waiters.add(known.id(), cmd.replyTo());
      return;
    }
    boolean notYetJournaled = known.spec().isDurable() && journaled.task(known.id()) == null;
    if (notYetJournaled) {
      pending.afterAllPending(journaledNow -> replyAccepted(journaledNow, known.id(), cmd.replyTo()));
    } else {
      cmd.replyTo().tell(new Accepted(viewOf(journaled, known.id()), true));
    }
  }

  private void replyAccepted(CellState journaled, String taskId, ActorRef<SubmitReply> replyTo) {
    replyTo.tell(new Accepted(viewOf(journaled, taskId), false));
  }

  /** When the backlog ahead of a new task has likely drained, clamped to the configured range. */
  private long retryAfterMillis() {
    long estimate = backlog.drainMillis(settings.maxInFlight());
    long min = settings.retryAfterMin().toMillis();
    long max = settings.retryAfterMax().toMillis();
    return Math.max(min, Math.min(max, estimate));
  }

  // ---- execution ----

  /**
   * Starts queued tasks while their lane has a free slot and the breaker allows it (an open
   * breaker leaves them queued; the deadline tick tries again). Tasks that finish at once free
   * their slot at once.
   */
  private void dispatch() {
    while (backlog.hasStartable(inFlight.size()) && guard.mayStart()) {
      start(backlog.poll(inFlight.size()));
    }
  }

  /** Ends, as killed, every queued or running task a hard-stop switch now covers. */
  private void cancelHardStopped() {
    if (env.killSwitches().view().isEmpty()) {
      return;
    }
    backlog.removeIf(task -> guard.stopping(task.spec()) != null,
        task -> finish(task, TaskStatus.KILLED, Map.of(), "killed by " + guard.stopping(task.spec()).id()));
    for (Work running : List.copyOf(inFlight.values())) {
      KillSwitch stop = guard.stopping(running.task().spec());
      if (stop != null) {
        inFlight.remove(running.task().id()); // its result, when it comes, is ignored
        backlog.stopped(running.lane());
        guard.unused();
        finish(running.task(), TaskStatus.KILLED, Map.of(), "killed by " + stop.id());
      }
    }
  }

  /**
   * Looks the kind up once per task: its handler (none for the ledger), its cost features, and
   * the guarded cost prediction that picks its lane (a lock-free read; no actor is asked).
   */
  private Work prepare(TaskRecord task) {
    WorkHandler handler = env.kinds().handler(task.spec().kind()).orElse(null);
    double declared = handler == null ? 0 : handler.declaredMillis(task.spec().params());
    CostFeatures features = new CostFeatures(task.spec().kind(), declared);
    Prediction cost = env.taskCost().predict(features, task.id());
    return new Work(task, handler, features, cost, backlog.laneFor(cost.value()));
  }

  /** Runs a task; the caller holds a breaker permission, which only a work handler call uses. */
  private void start(Work work) {
    TaskRecord task = work.task();
    long now = env.clock().millis();
    if (now > task.startDeadline()) {
      guard.unused();
      finish(task, TaskStatus.EXPIRED, Map.of(), DEADLINE_EXCEEDED);
      return;
    }
    KillSwitch stop = guard.stopping(task.spec());
    if (stop != null) {
      guard.unused();
      finish(task, TaskStatus.KILLED, Map.of(), "killed by " + stop.id());
      return;
    }
    if (work.handler() == null) {
      guard.unused();
      Optional<LedgerOperation> ledger = LedgerOperation.forKind(task.spec().kind());
      if (ledger.isPresent()) {
        transfers.run(task, ledger.get(), now);
      } else {
        finish(task, TaskStatus.FAILED, Map.of(), UNKNOWN_KIND);
      }
      return;
    }
    long startedNanos = System.nanoTime();
    CompletionStage<WorkOutcome> stage;
    try {
      stage = work.handler().run(task.spec(), env.workContext());
    } catch (RuntimeException e) {
      ctx.getLog().warn("work handler for {} threw on task {}", task.spec().kind(), task.id(), e);
      stage = CompletableFuture.completedFuture(WorkOutcome.failed(HANDLER_FAILED));
    }
    CompletableFuture<WorkOutcome> future = stage.toCompletableFuture();
    if (future.isDone()) {
      completeWork(work, outcomeOf(future), startedNanos); // finished at once, like echo: no bookkeeping
      return;
    }
    inFlight.put(task.id(), work);
    backlog.started(work.lane());
    if (!task.spec().isDurable()) {
      transients.open(task.running());
    }
    ctx.pipeToSelf(stage, (outcome, failure) -> new WorkDone(
        task.id(), failure == null ? outcome : WorkOutcome.failed(HANDLER_FAILED), startedNanos));
  }

  private static WorkOutcome outcomeOf(CompletableFuture<WorkOutcome> done) {
    try {
      return done.join();
    } catch (RuntimeException e) {
      return WorkOutcome.failed(HANDLER_FAILED);
    }
  }

  private Effect<CellEvent, CellState> onWorkDone(CellState journaled, WorkDone done) {
    Work work = inFlight.remove(done.taskId());
    if (work != null) { // else started by an earlier incarnation of this cell, which re-queued it
      backlog.stopped(work.lane());
      completeWork(work, done.outcome(), done.startedNanos());
      dispatch();
    }
    return Effect().none();
  }

  private void completeWork(Work work, WorkOutcome outcome, long startedNanos) {
    long tookNanos = System.nanoTime() - startedNanos;
    // The truth is the service time (start to finish), not the time it waited in its lane.
    env.taskCost().outcome(work.features(), work.task().id(), work.cost(), tookNanos / 1_000_000.0);
    if (outcome instanceof WorkOutcome.Failed failed) {
      guard.failed(tookNanos, failed.error());
    } else {
      guard.succeeded(tookNanos);
    }
    TaskRecord task = work.task();
    if (task.spec().isDurable() && working.task(task.id()).status().isFinal()) {
      return; // ended meanwhile (a hard stop killed it): nothing left to record
    }
    if (outcome instanceof WorkOutcome.Succeeded ok) {
      finish(task, TaskStatus.DONE, ok.result(), null);
    } else {
      finish(task, TaskStatus.FAILED, Map.of(), ((WorkOutcome.Failed) outcome).error());
    }
  }

  private void finish(TaskRecord task, TaskStatus status, Map<String, Object> result, String error) {
    long now = env.clock().millis();
    Consumer<CellState> notify = ended(task, status, now);
    if (task.spec().isDurable()) {
      CellState merged = pending.mergeFinishIntoAcceptance(task.id(), status, result, error, now, notify);
      if (merged != null) {
        working = merged; // accepted and finished within one write: one event instead of two
      } else {
        emit(new TaskFinished(task.id(), status, result, error, now), notify);
      }
    } else {
      transients.finish(task, status, result, error, now);
      notify.accept(working);
    }
  }

  /** Counts a task's end; the returned action tells whoever waits for it. */
  private Consumer<CellState> ended(TaskRecord task, TaskStatus status, long at) {
    instruments.finished(status, task.spec().durability(), at - task.acceptedAt());
    return journaled -> notifyWaiters(journaled, task.id());
  }

  private void notifyWaiters(CellState journaled, String taskId) {
    if (waiters.isEmpty()) {
      return;
    }
    List<ActorRef<SubmitReply>> waiting = waiters.remove(taskId);
    if (!waiting.isEmpty()) {
      Accepted reply = new Accepted(viewOf(journaled, taskId), false);
      waiting.forEach(replyTo -> replyTo.tell(reply));
    }
  }

  // ---- group commit ----

  /** What the transfer saga may do to this cell. */
  private final class Core implements CellCore {
    @Override
    public CellState working() {
      return working;
    }

    @Override
    public void emit(CellEvent event, Consumer<CellState> afterJournaled) {
      Cell.this.emit(event, afterJournaled);
    }

    @Override
    public void afterAllPending(Consumer<CellState> action) {
      pending.afterAllPending(action);
    }

    @Override
    public Consumer<CellState> ended(TaskRecord task, TaskStatus status, long at) {
      return Cell.this.ended(task, status, at);
    }
  }

  private Effect<CellEvent, CellState> none(Runnable handler) {
    handler.run();
    return Effect().none();
  }

  /** Decides an event: the working state moves now; the journal gets it with the next write. */
  private void emit(CellEvent event, Consumer<CellState> afterPersisted) {
    CellState before = working;
    working = before.apply(event);
    pending.add(event, before, working, afterPersisted);
    if (pending.requestFlush()) {
      ctx.getSelf().tell(Flush.INSTANCE);
    }
  }

  private Effect<CellEvent, CellState> onFlush() {
    if (pending.isEmpty()) {
      pending.take(0);
      return Effect().none();
    }
    PendingWrites.Batch batch = pending.take(settings.maxEventsPerWrite());
    if (!pending.isEmpty() && pending.requestFlush()) {
      ctx.getSelf().tell(Flush.INSTANCE);
    }
    return Effect().persist(batch.events()).thenRun(journaled -> {
      batch.runActions(journaled);
      dispatch();
    });
  }

  private Effect<CellEvent, CellState> onStop() {
    if (pending.isEmpty()) {
      return Effect().stop();
    }
    PendingWrites.Batch batch = pending.take(Integer.MAX_VALUE);
    return Effect().persist(batch.events()).thenRun(batch::runActions).thenStop();
  }

  // ---- queries ----

  private Effect<CellEvent, CellState> onGetTask(CellState journaled, GetTask cmd) {
    TaskView view = null;
    if (journaled.task(cmd.taskId()) != null) {
      view = viewOf(journaled, cmd.taskId());
    } else {
      TaskRecord transientTask = transients.get(cmd.taskId());
      if (transientTask != null) {
        view = transientTask.view(cellId);
      }
    }
    cmd.replyTo().tell(new TaskLookup(cmd.taskId(), view));
    return Effect().none();
  }

  private TaskView viewOf(CellState state, String taskId) {
    TaskRecord record = state.task(taskId);
    if (record == null) {
      record = transients.get(taskId);
    }
    if (record.status() == TaskStatus.ACCEPTED && inFlight.containsKey(taskId)) {
      record = record.running();
    }
    return record.view(cellId);
  }

  private Effect<CellEvent, CellState> onGetBalance(CellState journaled, GetBalance cmd) {
    cmd.replyTo().tell(new Balance(cmd.account(), journaled.balance(cmd.account())));
    return Effect().none();
  }

  private Effect<CellEvent, CellState> onGetStatus(CellState journaled, GetStatus cmd) {
    Map<String, Integer> queued = new java.util.LinkedHashMap<>();
    for (Priority p : Priority.values()) {
      queued.put(p.wireName(), backlog.size(p));
    }
    int open = backlog.size() + inFlight.size();
    cmd.replyTo().tell(new CellStatus(
        cellId,
        nodeAddress,
        queued,
        inFlight.size(),
        open,
        journaled.tasks().size() + transients.size(),
        journaled.openTransfers().size(),
        journaled.balances().size(),
        guard.breakerStatus(),
        guard.draining(this::openTasks)));
    return Effect().none();
  }

  private List<TaskSpec> openTasks() {
    List<TaskSpec> open = new ArrayList<>(backlog.size() + inFlight.size());
    backlog.forEach(task -> open.add(task.spec()));
    inFlight.values().forEach(work -> open.add(work.task().spec()));
    return open;
  }

  // ---- timers ----

  private Effect<CellEvent, CellState> onTick(CellState journaled, Tick tick) {
    switch (tick) {
      case DEADLINES -> {
        expireOverdue();
        guard.poll();
        dispatch();
      }
      case RETENTION -> sweepRetention();
      case TRANSFERS -> transfers.resendOpen(journaled);
      case GAUGES -> publishGauges();
    }
    return Effect().none();
  }

  private void expireOverdue() {
    long now = env.clock().millis();
    backlog.removeIf(task -> now > task.startDeadline(),
        task -> finish(task, TaskStatus.EXPIRED, Map.of(), DEADLINE_EXCEEDED));
  }

  /** Forgets finished tasks past the retention window, or beyond the most a cell keeps. */
  private void sweepRetention() {
    long byAge = env.clock().millis() - settings.idempotencyRetention().toMillis();
    long cutoff = Math.max(byAge, working.cutoffKeeping(settings.finishedTasksRetained()));
    if (working.hasFinishedBefore(cutoff)) {
      emit(new RetentionSwept(cutoff), null);
    }
  }

  private void publishGauges() {
    for (Priority p : Priority.values()) {
      instruments.queueDepth(p, backlog.size(p));
    }
    instruments.inFlight(inFlight.size());
    instruments.lanes(backlog.size(Backlog.Lane.SMALL), backlog.size(Backlog.Lane.LARGE), backlog.largeRunning());
  }

  // ---- recovery ----

  private void resetRuntime(CellState journaled) {
    backlog = new Backlog(settings.queues(), settings.lanes(), settings.maxInFlight());
    pending = new PendingWrites();
    transients = new TransientTasks(settings.transientTasksRetained());
    transfers = new TransferSaga(cellId, env, new Core());
    waiters = new Waiters();
    inFlight = new HashMap<>();
    working = journaled;
  }

  /** Resumes what the journal says is unfinished: queued tasks run again, transfers resume. */
  private void onRecovered(CellState recovered) {
    resetRuntime(recovered);
    List<TaskRecord> unfinished = new ArrayList<>();
    for (TaskRecord task : recovered.tasks().values()) {
      if (task.status() == TaskStatus.ACCEPTED) {
        unfinished.add(task);
      }
    }
    unfinished.sort(Comparator.comparingLong(TaskRecord::acceptedAt).thenComparing(TaskRecord::id));
    unfinished.forEach(task -> backlog.add(prepare(task)));
    if (!unfinished.isEmpty() || !recovered.openTransfers().isEmpty()) {
      ctx.getLog().info("cell {} resumes {} queued tasks and {} open transfers",
          cellId, unfinished.size(), recovered.openTransfers().size());
    }
    transfers.resendOpen(recovered);
    dispatch();
  }
}
