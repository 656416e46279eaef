package io.cellwork.benchmarks.killswitch;

import io.cellwork.killswitch.KillSwitch;
import io.cellwork.killswitch.KillSwitchBoard;
import io.cellwork.killswitch.KillSwitchView;
import io.cellwork.killswitch.Mode;
import io.cellwork.killswitch.Scope;
import io.cellwork.killswitch.TaskTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kill-switch check on the task hot path, with 1,000 engaged switches of mixed scopes,
 * against the least any shared-state check can cost: one volatile read. Same shape as the cells'
 * check: read the node's board, build the task's target, ask the view.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SwitchCheckBenchmark {
  static final int SWITCHES = 1_000;

  private final KillSwitchBoard engaged = new KillSwitchBoard();
  private final KillSwitchBoard quiet = new KillSwitchBoard();
  private volatile Object baseline = new Object();
  private long now;
  // targets are fields, not constants, so the JIT cannot fold the lookups away
  private String node = "127.0.0.1:25520";
  private int cell = 40;
  private String freeTenant = "tenant-free";
  private String stoppedTenant = "tenant-6";
  private String kind = "echo";

  @Setup
  public void engageSwitches() {
    now = System.currentTimeMillis();
    List<KillSwitch> switches = new ArrayList<>();
    for (int i = 0; switches.size() < SWITCHES; i++) {
      Scope scope = switch (i % 6) {
        case 0 -> new Scope.Tenant("tenant-" + i);
        case 1 -> new Scope.Kind("kind-" + i);
        case 2 -> new Scope.Cell(i % 32); // cells 0..31: the measured task lives in cell 40
        case 3 -> new Scope.Node("10.0.0." + (i % 250) + ":25520");
        case 4 -> new Scope.Automation("automation-" + i);
        default -> new Scope.Model("model-" + i);
      };
      switches.add(new KillSwitch(String.format("ks-%012x", i), scope, Mode.values()[i % 3], "benchmark", "bench",
          now, i % 2 == 0 ? KillSwitch.NO_TTL : 3_600));
    }
    engaged.publish(KillSwitchView.of(switches));
  }

  /** The baseline: one volatile read. */
  @Benchmark
  public Object volatileRead() {
    return baseline;
  }

  /** No switch at all: what nearly every task pays. */
  @Benchmark
  public KillSwitch noSwitches() {
    KillSwitchView view = quiet.view();
    return view.isEmpty() ? null : view.covering(new TaskTarget(node, cell, freeTenant, kind), now);
  }

  /** 1,000 switches, none covering the task: every scope is looked up and misses. */
  @Benchmark
  public KillSwitch thousandSwitchesNoneCovering() {
    KillSwitchView view = engaged.view();
    return view.isEmpty() ? null : view.covering(new TaskTarget(node, cell, freeTenant, kind), now);
  }

  /** 1,000 switches, the task's tenant stopped. */
  @Benchmark
  public KillSwitch thousandSwitchesOneCovering() {
    KillSwitchView view = engaged.view();
    return view.isEmpty() ? null : view.covering(new TaskTarget(node, cell, stoppedTenant, kind), now);
  }
}
