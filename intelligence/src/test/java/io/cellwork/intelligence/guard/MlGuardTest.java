package io.cellwork.intelligence.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellwork.intelligence.cost.CostFeatures;
import io.cellwork.intelligence.cost.TaskCostGuard;
import io.cellwork.intelligence.cost.TaskCostModel;
import io.cellwork.intelligence.ensemble.CostEnsemble;
import io.cellwork.intelligence.ensemble.EnsembleSettings;
import io.cellwork.intelligence.ensemble.EwmaRatioCost;
import io.cellwork.intelligence.ensemble.WindowedMedianCost;
import io.cellwork.intelligence.cost.TaskCostSettings;
import io.cellwork.intelligence.feedback.HoldoutSlice;
import io.cellwork.killswitch.KillSwitch;
import io.cellwork.killswitch.KillSwitchBoard;
import io.cellwork.killswitch.KillSwitchView;
import io.cellwork.killswitch.KillSwitchesChanged;
import io.cellwork.killswitch.Mode;
import io.cellwork.killswitch.Scope;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The guard actor with the real task-cost model: trip, shadow learning, recovery, kill switch. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class MlGuardTest {
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final CostFeatures SLEEP_10 = new CostFeatures("sleep", 10);

  @JUnit5TestKit
  final ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  private KillSwitchBoard board;
  private GuardedModel<CostFeatures> model;
  private ActorRef<MlGuard.Command> guard;

  @BeforeEach
  void start() {
    board = new KillSwitchBoard();
    // No holdout, so while closed the primary learns nothing and only the guard can rescue it.
    GuardedSpec<CostFeatures> spec = TaskCostGuard.spec(TaskCostSettings.create(testKit.system().settings().config()));
    model = new GuardedModel<>(spec.name(), spec.primary().snapshot(), spec.fallback(), id -> false);
    guard = testKit.spawn(MlGuard.create(model, spec, MlGuardSettings.create(testKit.system().settings().config()),
        board, Clock.systemUTC()), "guard-" + INSTANCES.incrementAndGet());
  }

  /** Serves {@code n} tasks through the guarded model, each measured at {@code measured} ms. */
  private void serve(int n, double measured) {
    for (int i = 0; i < n; i++) {
      String id = "t" + i;
      Prediction p = model.predict(SLEEP_10, id);
      guard.tell(new MlGuard.Outcome<>(SLEEP_10, id, p.source(), p.value(), measured));
    }
  }

  private ModelStatus status() {
    TestProbe<ModelStatus> probe = testKit.createTestProbe();
    guard.tell(new MlGuard.GetStatus(probe.ref())); // after everything told before it
    return probe.receiveMessage();
  }

  @Test
  void tripsWhenServiceTimeChangesLearnsInShadowAndCloses() {
    serve(300, 10);
    assertEquals(ServingMode.CLOSED, status().mode());
    assertEquals(Source.PRIMARY, model.predict(SLEEP_10, "x").source());

    serve(300, 30); // the backend got three times slower; the primary, not learning, says 10
    ModelStatus tripped = status();
    assertEquals(ServingMode.TRIPPED, tripped.mode());
    assertEquals(Source.FALLBACK_TRIPPED, model.predict(SLEEP_10, "x").source());
    assertEquals(10, model.predict(SLEEP_10, "x").value(), 1e-9, "the fallback says what is declared");
    assertTrue(tripped.errorDrift(), "Page-Hinkley saw the error stream jump");
    assertFalse(tripped.featureDrift(), "the input did not change");

    serve(600, 30); // in shadow it learns from every (unbiased) outcome and recovers
    ModelStatus closed = status();
    assertEquals(ServingMode.CLOSED, closed.mode());
    Prediction recovered = model.predict(SLEEP_10, "x");
    assertEquals(Source.PRIMARY, recovered.source());
    assertEquals(30, recovered.value(), 1e-6, "the recovered primary's snapshot is published");
    List<AuditedTransition> recent = closed.recent();
    assertEquals(2, recent.size());
    assertEquals(ServingMode.TRIPPED, recent.get(0).to());
    assertEquals(ServingMode.CLOSED, recent.get(1).to());
    assertTrue(closed.outcomesBySource().get(Source.FALLBACK_TRIPPED) > 0);
  }

  @Test
  void aModelKillSwitchForcesTheFallbackUntilReleased() {
    serve(100, 10);
    KillSwitch force = new KillSwitch("ks-model", Scope.parse("model:task-cost"), Mode.HARD_STOP, "bad model", "test",
        System.currentTimeMillis(), 0);
    board.publish(KillSwitchView.of(List.of(force)));
    testKit.system().eventStream().tell(new EventStream.Publish<>(KillSwitchesChanged.INSTANCE));
    TestProbe<Void> probe = testKit.createTestProbe();
    probe.awaitAssert(() -> {
      assertEquals(ServingMode.FORCED, status().mode());
      return null;
    });
    assertEquals(Source.FALLBACK_FORCED, model.predict(SLEEP_10, "x").source());
    assertTrue(status().recent().get(0).reason().contains("ks-model"));
    // The same switch again, as a new object (as replication delivers it): nothing to audit.
    board.publish(KillSwitchView.of(List.of(new KillSwitch(force.id(), force.scope(), force.mode(), force.reason(),
        force.operator(), force.engagedAt(), force.ttlSeconds()))));
    testKit.system().eventStream().tell(new EventStream.Publish<>(KillSwitchesChanged.INSTANCE));
    assertEquals(1, status().transitions());

    board.publish(KillSwitchView.EMPTY);
    testKit.system().eventStream().tell(new EventStream.Publish<>(KillSwitchesChanged.INSTANCE));
    probe.awaitAssert(() -> {
      assertEquals(ServingMode.CLOSED, status().mode());
      return null;
    });
    assertEquals(Source.PRIMARY, model.predict(SLEEP_10, "x").source());
  }

  @Test
  void aFeedbackLoopRaisesTheAlarmAndMayTripWhileNoLoopNeverDoes() {
    ModelStatus clean = feedbackRun(0.0, "a");
    assertEquals(8_000, clean.outcomes());
    assertFalse(clean.feedbackAlarm(), "coupling 0: no alarm");
    assertEquals(0, clean.transitions(), "nothing switched");
    assertFalse(feedbackRun(0.0, "b").feedbackAlarm());
    ModelStatus looped = feedbackRun(0.5, "c");
    assertTrue(looped.feedbackAlarm());
    assertEquals(ServingMode.TRIPPED, looped.mode(), "trip-on-feedback-alarm is on in this run");
    assertTrue(looped.recent().get(0).reason().contains("feedback-loop alarm"), looped.recent().toString());
  }

  /**
   * 8,000 tasks whose service time, when the primary served them, is pulled towards its
   * prediction with strength {@code coupling} (the model changes the outcome it is judged on).
   */
  private ModelStatus feedbackRun(double coupling, String name) {
    MlGuardSettings settings = MlGuardSettings.create(ConfigFactory.parseString(
        "cellwork.intelligence.guard-actor.trip-on-feedback-alarm = on").withFallback(testKit.system().settings().config()));
    GuardedSpec<CostFeatures> spec = TaskCostGuard.spec(TaskCostSettings.create(testKit.system().settings().config()));
    GuardedModel<CostFeatures> looped = new GuardedModel<>(spec.name(), spec.primary().snapshot(), spec.fallback(),
        settings.feedback().holdoutSlice()::isHoldout);
    ActorRef<MlGuard.Command> ref = testKit.spawn(
        MlGuard.create(looped, spec, settings, board, Clock.systemUTC()), "feedback-" + name);
    Random random = new Random(name.hashCode());
    for (int i = 0; i < 8_000; i++) {
      String id = name + "-" + i;
      Prediction p = looped.predict(SLEEP_10, id);
      double natural = 10 * Math.exp(0.3 * random.nextGaussian());
      double truth = p.source() == Source.PRIMARY ? (1 - coupling) * natural + coupling * p.value() : natural;
      ref.tell(new MlGuard.Outcome<>(SLEEP_10, id, p.source(), p.value(), truth));
    }
    TestProbe<ModelStatus> probe = testKit.createTestProbe();
    ref.tell(new MlGuard.GetStatus(probe.ref()));
    ModelStatus status = probe.receiveMessage();
    testKit.stop(ref);
    return status;
  }

  @Test
  void aShiftInTheDeclaredCostIsReportedAsInputDrift() {
    CostFeatures sleep50 = new CostFeatures("sleep", 50);
    for (int i = 0; i < 1_000; i++) { // the KS reference (reference-size 1000)
      guard.tell(new MlGuard.Outcome<>(SLEEP_10, "r" + i, Source.PRIMARY, 10, 10));
    }
    assertFalse(status().featureDrift());
    for (int i = 0; i < 1_000; i++) { // one test window of much longer tasks, each predicted right
      guard.tell(new MlGuard.Outcome<>(sleep50, "w" + i, Source.PRIMARY, 50, 50));
    }
    ModelStatus drifted = status();
    assertTrue(drifted.featureDrift());
    assertFalse(drifted.errorDrift(), "the model stayed accurate");
    assertEquals(ServingMode.CLOSED, drifted.mode(), "drift alone switches nothing");
  }

  @Test
  void theHoldoutSliceIsServedByTheFallbackAtItsFraction() {
    HoldoutSlice holdout = MlGuardSettings.create(testKit.system().settings().config()).feedback().holdoutSlice();
    GuardedSpec<CostFeatures> spec = TaskCostGuard.spec(TaskCostSettings.create(testKit.system().settings().config()));
    GuardedModel<CostFeatures> withHoldout =
        new GuardedModel<>(spec.name(), spec.primary().snapshot(), spec.fallback(), holdout::isHoldout);
    int held = 0;
    for (int i = 0; i < 20_000; i++) {
      Source source = withHoldout.predict(SLEEP_10, "task-" + i).source();
      if (source == Source.HOLDOUT) {
        held++;
      }
      assertEquals(holdout.isHoldout("task-" + i), source == Source.HOLDOUT, "deterministic per task id");
    }
    assertTrue(held > 800 && held < 1200, held + " of 20000 held out");
    assertEquals(held, withHoldout.predictionCounts().get(Source.HOLDOUT));
  }

  @Test
  void everyOutcomeIsLoggedWithItsArmsPropensity() {
    MlGuardSettings settings = MlGuardSettings.create(testKit.system().settings().config());
    GuardedSpec<CostFeatures> spec = TaskCostGuard.spec(TaskCostSettings.create(testKit.system().settings().config()));
    GuardedModel<CostFeatures> logged = new GuardedModel<>(spec.name(), spec.primary().snapshot(), spec.fallback(),
        settings.feedback().holdoutSlice()::isHoldout);
    ActorRef<MlGuard.Command> ref = testKit.spawn(
        MlGuard.create(logged, spec, settings, board, Clock.systemUTC()), "outcome-log");
    int tasks = settings.outcomeLogSize() + 100;
    for (int i = 0; i < tasks; i++) {
      Prediction p = logged.predict(SLEEP_10, "log-" + i);
      ref.tell(new MlGuard.Outcome<>(SLEEP_10, "log-" + i, p.source(), p.value(), 10));
    }
    TestProbe<ModelStatus> probe = testKit.createTestProbe();
    ref.tell(new MlGuard.GetStatus(probe.ref()));
    List<LoggedOutcome> log = probe.receiveMessage().recentOutcomes();
    testKit.stop(ref);

    assertEquals(settings.outcomeLogSize(), log.size(), "a bounded log of the most recent outcomes");
    assertEquals("log-" + (tasks - 1), log.get(log.size() - 1).taskId(), "newest last");
    assertEquals("log-" + (tasks - settings.outcomeLogSize()), log.get(0).taskId());
    double fraction = settings.feedback().holdoutFraction();
    boolean sawHoldout = false;
    for (LoggedOutcome o : log) {
      boolean held = settings.feedback().holdoutSlice().isHoldout(o.taskId());
      assertEquals(held ? Source.HOLDOUT : Source.PRIMARY, o.source(), o.toString());
      assertEquals(held ? fraction : 1 - fraction, o.propensity(), 1e-12, o.toString());
      sawHoldout |= held;
    }
    assertTrue(sawHoldout, "a 5% slice shows up among " + log.size() + " outcomes");
  }

  /**
   * 64 holdout outcomes (two snapshot publications) of sleep 10: 56 at 15 ms, then 8 at 45 ms.
   * The members then disagree: heuristic 10, windowed median 15, slow EWMA ~19.5, middle ~25.1,
   * fast ~40; the median (the slow EWMA) differs from the single EWMA model (~25.1).
   */
  private static final int TRAINED = 64;

  private static double truth(int i) {
    return i < 56 ? 15 : 45;
  }

  /** The PRIMARY value the guarded model serves after {@link #TRAINED} unbiased outcomes. */
  private Prediction servedAfterTraining(String primary, String name) {
    com.typesafe.config.Config config = ConfigFactory.parseString(
        "cellwork.intelligence.task-cost.primary = " + primary).withFallback(testKit.system().settings().config());
    GuardedSpec<CostFeatures> spec = TaskCostGuard.spec(TaskCostSettings.create(config));
    GuardedModel<CostFeatures> served =
        new GuardedModel<>(spec.name(), spec.primary().snapshot(), spec.fallback(), id -> id.startsWith("h"));
    ActorRef<MlGuard.Command> ref = testKit.spawn(
        MlGuard.create(served, spec, MlGuardSettings.create(config), board, Clock.systemUTC()), "primary-" + name);
    for (int i = 0; i < TRAINED; i++) {
      String id = "h" + i;
      Prediction p = served.predict(SLEEP_10, id);
      assertEquals(Source.HOLDOUT, p.source());
      ref.tell(new MlGuard.Outcome<>(SLEEP_10, id, p.source(), p.value(), truth(i)));
    }
    TestProbe<ModelStatus> probe = testKit.createTestProbe();
    ref.tell(new MlGuard.GetStatus(probe.ref()));
    lastStatus = probe.receiveMessage();
    testKit.stop(ref);
    Prediction prediction = served.predict(SLEEP_10, "served");
    assertEquals(Source.PRIMARY, prediction.source());
    return prediction;
  }

  private ModelStatus lastStatus;

  @Test
  void theDefaultPrimaryIsTheEnsembleAndTheServedValueIsItsMembersMedian() {
    assertEquals(TaskCostSettings.Primary.ENSEMBLE,
        TaskCostSettings.create(testKit.system().settings().config()).primary());
    List<io.cellwork.intelligence.LearningModel<CostFeatures>> members = List.of(
        new EwmaRatioCost("f", EnsembleSettings.defaults().fastRate(), EnsembleSettings.defaults().warmUp()),
        new EwmaRatioCost("m", EnsembleSettings.defaults().middleRate(), EnsembleSettings.defaults().warmUp()),
        new EwmaRatioCost("s", EnsembleSettings.defaults().slowRate(), EnsembleSettings.defaults().warmUp()),
        new WindowedMedianCost(EnsembleSettings.defaults().medianWindow()));
    for (int i = 0; i < TRAINED; i++) {
      for (io.cellwork.intelligence.LearningModel<CostFeatures> member : members) {
        member.learn(SLEEP_10, truth(i));
      }
    }
    double[] answers = new double[members.size() + 1];
    for (int i = 0; i < members.size(); i++) {
      answers[i] = members.get(i).predictValue(SLEEP_10);
    }
    answers[members.size()] = 10; // the heuristic member: the declared time
    java.util.Arrays.sort(answers);
    double median = answers[answers.length / 2];

    Prediction served = servedAfterTraining("ensemble", "ensemble");
    assertEquals(median, served.value(), 1e-9, "served = median of " + java.util.Arrays.toString(answers));
    assertEquals(5, lastStatus.members().size());
    assertEquals("ewma-fast/ewma-0.2", lastStatus.members().get(0).name());
    assertTrue(lastStatus.members().stream().allMatch(EnsembleMember::healthy));
    assertTrue(lastStatus.primary().startsWith("task-cost/median+"), lastStatus.primary());
  }

  @Test
  void withPrimaryEwmaTheServedValueIsTheSingleEwmaModel() {
    TaskCostModel single = new TaskCostModel();
    for (int i = 0; i < TRAINED; i++) {
      single.learnMillis(SLEEP_10, truth(i));
    }
    Prediction served = servedAfterTraining("ewma", "ewma");
    assertEquals(single.predictMillis(SLEEP_10), served.value(), 1e-9);
    assertTrue(lastStatus.members().isEmpty());
    double ensemble = servedAfterTraining("ensemble", "ensemble-again").value();
    assertTrue(Math.abs(ensemble - served.value()) > 1, "the two primaries differ on this data: " + ensemble);
  }
}
