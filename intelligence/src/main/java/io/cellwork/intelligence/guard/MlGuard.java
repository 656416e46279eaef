package io.cellwork.intelligence.guard;

import io.cellwork.intelligence.ScalarModel;
import io.cellwork.intelligence.drift.FeatureDrift;
import io.cellwork.intelligence.drift.PageHinkley;
import io.cellwork.intelligence.ensemble.LearningEnsemble;
import io.cellwork.intelligence.ensemble.MemberHealth;
import io.cellwork.intelligence.ensemble.Median;
import io.cellwork.intelligence.feedback.FeedbackLoopDetector;
import io.cellwork.killswitch.KillSwitch;
import io.cellwork.killswitch.KillSwitchBoard;
import io.cellwork.killswitch.KillSwitchesChanged;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The guard actor of one model on one node. It receives every outcome the {@link GuardedModel}
 * reports, scores the primary on it (in service and, while the fallback serves, in shadow) with a
 * {@link ModelGuard}, trains the primary, watches the {@code model:<name>} kill switch, and
 * publishes to the {@link GuardedModel} who serves and with which snapshot of the primary. It
 * also runs drift detection (Page-Hinkley on the error stream, a KS test on the monitored input),
 * which is reported but does not switch anything, and the {@link FeedbackLoopDetector}, which
 * compares holdout with model-served outcomes and errors and may trip to the fallback (config).
 *
 * <p>The primary learns ONLY from outcomes it did not influence: the holdout slice and whatever
 * was served while the fallback was in use (tripped or forced). An outcome the primary's own
 * prediction shaped (here: its lane, hence its contention) is biased towards what the model
 * predicted; learning from it would close a feedback loop in which the model confirms itself,
 * and the guard, scoring it on the same biased data, could not see it drift.
 *
 * <p>When the primary is a {@link LearningEnsemble}, every member is trained on the same unbiased
 * outcomes, the served snapshot is the ensemble's (median of the healthy members), and each
 * member is also scored on every outcome, so the status shows which member is broken.
 *
 * <p>Messages are node-local (the guarded model and its guard live in one JVM); they are marked
 * {@link NoSerializationVerificationNeeded} and never bound to a serializer.
 */
public final class MlGuard<F> extends AbstractBehavior<MlGuard.Command> {

  // ---- protocol ----

  public sealed interface Command extends NoSerializationVerificationNeeded {}

  /** The truth for one prediction: {@code served} is what {@code source} answered. */
  public record Outcome<F>(F features, String taskId, Source source, double served, double truth)
      implements Command {}

  /** Asks for the current status (tests; the API reads {@link GuardedModel#status()}). */
  public record GetStatus(ActorRef<ModelStatus> replyTo) implements Command {}

  /** The node's kill switches changed. */
  private enum SwitchesChanged implements Command { INSTANCE }

  /** Republish status and snapshot, re-check switches for an ended TTL. */
  private enum Publish implements Command { INSTANCE }

  // ---- wiring ----

  /**
   * Spawns the guard of {@code spec} as a system actor named {@code actorName} and returns the
   * guarded model the hot path calls, already connected to it.
   */
  public static <F> GuardedModel<F> start(
      ActorSystem<?> system, String actorName, GuardedSpec<F> spec, MlGuardSettings settings,
      KillSwitchBoard switches, Predicate<String> holdout, Clock clock) {
    GuardedModel<F> model = new GuardedModel<>(spec.name(), spec.primary().snapshot(), spec.fallback(), holdout);
    ActorRef<Command> guard =
        system.systemActorOf(create(model, spec, settings, switches, clock), actorName, Props.empty());
    model.connect(guard::tell);
    return model;
  }

  public static <F> Behavior<Command> create(
      GuardedModel<F> model, GuardedSpec<F> spec, MlGuardSettings settings, KillSwitchBoard switches, Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new MlGuard<>(ctx, timers, model, spec, settings, switches, clock)));
  }

  private final GuardedModel<F> model;
  private final GuardedSpec<F> spec;
  private final MlGuardSettings settings;
  private final KillSwitchBoard switches;
  private final Clock clock;
  private final ModelGuard guard;
  private final PageHinkley errorDrift;
  private final FeatureDrift featureDrift;
  private final FeedbackLoopDetector feedback;
  private final ArrayDeque<AuditedTransition> recent = new ArrayDeque<>();
  private final OutcomeLog outcomeLog;
  private final long[] outcomesBySource = new long[Source.values().length];
  private ServingMode mode = ServingMode.CLOSED;
  /** The switch forcing the fallback, or null. */
  private KillSwitch forcedBy;
  private ScalarModel<F> published;
  private int learnedSincePublish;
  private long transitions;
  /** Outcome count at the last error-drift detection, -1 for none. */
  private long lastErrorDriftAt = -1;
  /**
   * Whether the feedback alarm keeps the fallback in service (trip-on-feedback-alarm). Latched,
   * like the detector's alarm: a loop is not fixed by waiting, so only a restart clears it.
   */
  private boolean feedbackTripped;
  /** The primary as an ensemble, or null when it is a single model. */
  private final LearningEnsemble<F> ensemble;
  /** Per member: its answers to the current outcome, its mean error, whether its last answer was usable. */
  private final double[] memberAnswers;
  private final double[] memberErrors;
  private final boolean[] memberHealthy;

  private MlGuard(
      ActorContext<Command> ctx, TimerScheduler<Command> timers, GuardedModel<F> model, GuardedSpec<F> spec,
      MlGuardSettings settings, KillSwitchBoard switches, Clock clock) {
    super(ctx);
    this.model = model;
    this.spec = spec;
    this.settings = settings;
    this.switches = switches;
    this.clock = clock;
    this.guard = new ModelGuard(settings.guard());
    this.errorDrift = new PageHinkley(settings.errorDriftDelta(), settings.errorDriftThreshold());
    this.featureDrift = new FeatureDrift(settings.featureReferenceSize(), settings.featureWindowSize(),
        settings.featureAlpha());
    this.feedback = new FeedbackLoopDetector(settings.feedback());
    this.outcomeLog = new OutcomeLog(settings.outcomeLogSize());
    this.published = spec.primary().snapshot();
    this.ensemble = spec.primary() instanceof LearningEnsemble<F> e ? e : null;
    int members = ensemble == null ? 0 : ensemble.size();
    this.memberAnswers = new double[members];
    this.memberErrors = new double[members];
    this.memberHealthy = new boolean[members];
    Arrays.fill(memberErrors, Double.NaN);
    Arrays.fill(memberHealthy, true);
    ctx.getSystem().eventStream().tell(new EventStream.Subscribe<>(KillSwitchesChanged.class,
        ctx.messageAdapter(KillSwitchesChanged.class, changed -> SwitchesChanged.INSTANCE)));
    timers.startTimerWithFixedDelay(Publish.INSTANCE, settings.publishInterval());
    checkSwitches();
    publish();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Outcome.class, this::onOutcome)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessageEquals(SwitchesChanged.INSTANCE, this::onSwitchesChanged)
        .onMessageEquals(Publish.INSTANCE, this::onPublish)
        .build();
  }

  // ---- handlers ----

  @SuppressWarnings("unchecked")
  private Behavior<Command> onOutcome(Outcome<?> raw) {
    Outcome<F> outcome = (Outcome<F>) raw;
    outcomesBySource[outcome.source().ordinal()]++;
    // Scored on every outcome: in service with what it answered, otherwise (holdout, tripped,
    // forced) in shadow with what it would have answered.
    double primaryAnswer;
    if (ensemble != null) {
      scoreMembers(outcome);
      primaryAnswer = outcome.source().primaryServed()
          ? outcome.served()
          : Median.ofUsable(memberAnswers, memberAnswers.length);
    } else {
      primaryAnswer = outcome.source().primaryServed()
          ? outcome.served()
          : spec.primary().predictValue(outcome.features());
    }
    double error = spec.loss().of(primaryAnswer, outcome.truth());
    outcomeLog.add(new LoggedOutcome(clock.millis(), outcome.taskId(), outcome.source(), propensity(outcome.source()),
        outcome.served(), primaryAnswer, outcome.truth(), error));
    Optional<GuardTransition> transition = guard.observe(error);
    watchDrift(outcome, error);
    watchFeedback(outcome, error);
    // Prequential: scored before it learns from the same outcome, and only from unbiased ones.
    if (!outcome.source().primaryServed()) {
      spec.primary().learn(outcome.features(), outcome.truth());
      if (++learnedSincePublish >= settings.snapshotEveryLearns()) {
        publishSnapshot();
      }
    }
    transition.ifPresent(t -> changeMode(t.reason(), t.rollingError(), t.bound()));
    return this;
  }

  /** The probability the assignment had of putting a task in {@code source}'s arm. */
  private double propensity(Source source) {
    return switch (source) {
      case PRIMARY -> settings.feedback().holdoutSlice().propensity(false);
      case HOLDOUT -> settings.feedback().holdoutSlice().propensity(true);
      case FALLBACK_TRIPPED, FALLBACK_FORCED -> 1.0;
    };
  }

  private Behavior<Command> onGetStatus(GetStatus get) {
    publish(); // fresh figures, not the last tick's
    get.replyTo().tell(model.status());
    return this;
  }

  private Behavior<Command> onSwitchesChanged() {
    checkSwitches();
    return this;
  }

  private Behavior<Command> onPublish() {
    checkSwitches();
    publishSnapshot();
    publish();
    return this;
  }

  // ---- decisions ----

  /** Each member's live answer (before it learns from this outcome) and its error on it. */
  private void scoreMembers(Outcome<F> outcome) {
    for (int i = 0; i < memberAnswers.length; i++) {
      double answer = ensemble.memberAnswer(i, outcome.features());
      memberAnswers[i] = answer;
      memberHealthy[i] = Median.usable(answer);
      if (memberHealthy[i]) {
        double error = spec.loss().of(answer, outcome.truth());
        memberErrors[i] = Double.isNaN(memberErrors[i])
            ? error
            : memberErrors[i] + settings.memberErrorWeight() * (error - memberErrors[i]);
      }
    }
  }

  private List<EnsembleMember> ensembleMembers() {
    if (ensemble == null) {
      return List.of();
    }
    MemberHealth health = ensemble.health();
    List<EnsembleMember> members = new ArrayList<>(memberAnswers.length);
    for (int i = 0; i < memberAnswers.length; i++) {
      members.add(new EnsembleMember(health.names().get(i), memberHealthy[i], health.skipped(i), memberErrors[i]));
    }
    return List.copyOf(members);
  }

  private void watchDrift(Outcome<F> outcome, double error) {
    if (errorDrift.add(error)) {
      lastErrorDriftAt = guard.outcomes();
      getContext().getLog().info("model {}: drift in the error stream after {} outcomes (rolling error {})",
          spec.name(), guard.outcomes(), guard.rollingError());
    }
    if (featureDrift.add(spec.monitoredFeature().applyAsDouble(outcome.features()))) {
      getContext().getLog().info("model {}: input drift after {} outcomes (KS p = {})",
          spec.name(), guard.outcomes(), featureDrift.lastPValue());
    }
  }

  /**
   * Only outcomes with a clean arm feed the test: the holdout (served without the model) and the
   * served traffic. While the fallback serves everything (tripped, forced) there is no model-served
   * arm to compare, and those outcomes would only dilute the holdout one.
   */
  private void watchFeedback(Outcome<F> outcome, double error) {
    Source source = outcome.source();
    if (source != Source.PRIMARY && source != Source.HOLDOUT) {
      return;
    }
    boolean before = feedback.alarmed();
    // Service times are right-skewed; their log makes the means the test compares meaningful.
    feedback.observe(source == Source.HOLDOUT, Math.log1p(Math.max(0, outcome.truth())), error);
    if (!before && feedback.alarmed()) {
      String reason = String.format("feedback-loop alarm after %d observations (p = %.2g): served outcomes or errors"
          + " differ from the holdout's", feedback.observations(), feedback.pValue());
      if (settings.tripOnFeedbackAlarm()) {
        feedbackTripped = true;
        changeMode(reason, guard.rollingError(), Double.NaN);
      } else {
        getContext().getLog().warn("model {}: {}", spec.name(), reason);
        publish();
      }
    }
  }

  private void checkSwitches() {
    KillSwitch covering = switches.view().coveringModel(spec.name(), clock.millis());
    // By id: replication may hand over an equal switch as a new object with every change.
    if (Objects.equals(idOf(covering), idOf(forcedBy))) {
      forcedBy = covering;
      return;
    }
    KillSwitch before = forcedBy;
    forcedBy = covering;
    String reason = covering != null
        ? "kill switch " + covering.id() + " forces the fallback: " + covering.reason()
        : "kill switch " + before.id() + " released";
    changeMode(reason, guard.rollingError(), Double.NaN);
  }

  private static String idOf(KillSwitch killSwitch) {
    return killSwitch == null ? null : killSwitch.id();
  }

  /** Recomputes who serves, audits the change and publishes it. */
  private void changeMode(String reason, double rollingError, double bound) {
    ServingMode next = forcedBy != null
        ? ServingMode.FORCED
        : guard.state() == GuardState.TRIPPED || feedbackTripped ? ServingMode.TRIPPED : ServingMode.CLOSED;
    AuditedTransition audited = new AuditedTransition(
        clock.millis(), mode, next, guard.outcomes(), rollingError, bound, reason);
    // A trip or close while a switch forces the fallback changes nothing served, but is still a
    // transition of the guard: audited alike, with from == to.
    getContext().getLog().info("model {}: {} -> {} after {} outcomes: {}",
        spec.name(), mode.wireName(), next.wireName(), guard.outcomes(), reason);
    mode = next;
    transitions++;
    recent.addLast(audited);
    while (recent.size() > settings.recentTransitions()) {
      recent.removeFirst();
    }
    publish();
  }

  private void publishSnapshot() {
    if (learnedSincePublish > 0) {
      published = spec.primary().snapshot();
      learnedSincePublish = 0;
    }
  }

  private void publish() {
    model.publish(mode, published);
    Map<Source, Long> bySource = new EnumMap<>(Source.class);
    for (Source s : Source.values()) {
      bySource.put(s, outcomesBySource[s.ordinal()]);
    }
    model.publishStatus(new ModelStatus(
        spec.name(),
        ModelStatus.describe(spec.primary()),
        ModelStatus.describe(spec.fallback()),
        mode,
        guard.state(),
        guard.outcomes(),
        guard.samples(),
        guard.rollingError(),
        guard.lowerBound(),
        guard.upperBound(),
        lastErrorDriftAt >= 0 && guard.outcomes() - lastErrorDriftAt <= settings.errorFlagOutcomes(),
        featureDrift.alarmed(),
        feedback.alarmed(),
        settings.feedback().holdoutFraction(),
        Map.copyOf(bySource),
        Map.of(),
        transitions,
        List.copyOf(recent),
        ensembleMembers(),
        outcomeLog.latest(settings.outcomeLogSize())));
  }
}
