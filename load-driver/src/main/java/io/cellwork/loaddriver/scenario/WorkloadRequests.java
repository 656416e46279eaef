package io.cellwork.loaddriver.scenario;

import io.cellwork.loaddriver.engine.PlannedRequest;
import io.cellwork.loaddriver.engine.RequestSource;
import io.cellwork.loaddriver.workload.PlannedTask;
import io.cellwork.loaddriver.workload.TaskJson;
import io.cellwork.loaddriver.workload.TaskSampler;
import io.cellwork.loaddriver.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Turns a workload into requests: raw requests to a fixed path, or task submissions carrying the
 * {@link PlannedTask} as their tag and the report groups the scenario asked for ({@code task}: one
 * group per task-mix entry, {@code celebrity}: the celebrity tenant apart from the others).
 */
public final class WorkloadRequests implements RequestSource {
  public static final String CELEBRITY_GROUP = "tenant:celebrity";
  public static final String OTHERS_GROUP = "tenant:others";
  private static final String[] NO_GROUPS = new String[0];

  private final WorkloadSpec spec;
  private final TaskSampler sampler;
  private final boolean byTask;
  private final boolean byCelebrity;
  private final String path;

  public WorkloadRequests(WorkloadSpec spec, String idPrefix, List<String> groups) {
    for (String group : groups) {
      if (!group.equals("task") && !group.equals("celebrity")) {
        throw new IllegalArgumentException("groups may be task and celebrity, not " + group);
      }
    }
    this.spec = spec;
    this.sampler = new TaskSampler(spec, idPrefix);
    this.byTask = groups.contains("task");
    this.byCelebrity = groups.contains("celebrity");
    this.path = spec.waitForResult() ? "/v1/tasks?wait=true" : "/v1/tasks";
  }

  @Override
  public PlannedRequest next(RandomGenerator random) {
    if (spec.raw()) {
      return new PlannedRequest(spec.rawMethod(), spec.rawPath(), null, NO_GROUPS, null);
    }
    PlannedTask task = sampler.next(random);
    List<String> groups = new ArrayList<>(2);
    if (byTask) {
      groups.add("task:" + task.template().name());
    }
    if (byCelebrity) {
      groups.add(task.celebrity() ? CELEBRITY_GROUP : OTHERS_GROUP);
    }
    return new PlannedRequest("POST", path, TaskJson.body(task, spec.deadlineMs()), groups.toArray(NO_GROUPS), task);
  }
}
