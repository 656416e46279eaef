package io.cellwork.controlplane.http;

import io.cellwork.intelligence.guard.AuditedTransition;
import io.cellwork.intelligence.guard.EnsembleMember;
import io.cellwork.intelligence.guard.LoggedOutcome;
import io.cellwork.intelligence.guard.ModelStatus;
import io.cellwork.intelligence.guard.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON form of a guarded model's status in {@code GET /v1/models}: wire names, no NaN. */
final class ModelDocument {
  private ModelDocument() {}

  static Map<String, Object> of(ModelStatus s) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", s.name());
    doc.put("primary", s.primary());
    doc.put("fallback", s.fallback());
    doc.put("state", s.mode().wireName());
    doc.put("guard", s.guardState().name().toLowerCase(java.util.Locale.ROOT));
    doc.put("outcomes", s.outcomes());
    doc.put("samples", s.samples());
    doc.put("rollingError", finite(s.rollingError()));
    doc.put("lowerBound", finite(s.lowerBound()));
    doc.put("upperBound", finite(s.upperBound()));
    doc.put("errorDrift", s.errorDrift());
    doc.put("featureDrift", s.featureDrift());
    doc.put("feedbackAlarm", s.feedbackAlarm());
    doc.put("holdoutFraction", s.holdoutFraction());
    doc.put("predictions", bySource(s.predictions()));
    doc.put("outcomesBySource", bySource(s.outcomesBySource()));
    doc.put("transitions", s.transitions());
    List<Map<String, Object>> recent = new ArrayList<>(s.recent().size());
    for (AuditedTransition t : s.recent()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("at", Instant.ofEpochMilli(t.atMillis()).toString());
      entry.put("from", t.from().wireName());
      entry.put("to", t.to().wireName());
      entry.put("atOutcome", t.atOutcome());
      entry.put("rollingError", finite(t.rollingError()));
      entry.put("bound", finite(t.bound()));
      entry.put("reason", t.reason());
      recent.add(entry);
    }
    doc.put("recentTransitions", recent);
    // An ensemble primary: one small entry per member (empty for a single model).
    List<Map<String, Object>> members = new ArrayList<>(s.members().size());
    for (EnsembleMember m : s.members()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", m.name());
      entry.put("healthy", m.healthy());
      entry.put("skipped", m.skipped());
      entry.put("error", finite(m.error()));
      members.add(entry);
    }
    doc.put("members", members);
    return doc;
  }

  /** {@code GET /v1/models/{name}/outcomes}: the guard's outcome log with each arm's propensity. */
  static Map<String, Object> outcomes(ModelStatus s) {
    List<Map<String, Object>> logged = new ArrayList<>(s.recentOutcomes().size());
    for (LoggedOutcome o : s.recentOutcomes()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("at", Instant.ofEpochMilli(o.atMillis()).toString());
      entry.put("taskId", o.taskId());
      entry.put("source", o.source().wireName());
      entry.put("propensity", o.propensity());
      entry.put("served", finite(o.served()));
      entry.put("primary", finite(o.primary()));
      entry.put("truth", finite(o.truth()));
      entry.put("error", finite(o.error()));
      logged.add(entry);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", s.name());
    doc.put("holdoutFraction", s.holdoutFraction());
    doc.put("outcomes", logged);
    return doc;
  }

  private static Map<String, Long> bySource(Map<Source, Long> counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Source source : Source.values()) {
      out.put(source.wireName(), counts.getOrDefault(source, 0L));
    }
    return out;
  }

  /** JSON has no NaN: an undefined figure (e.g. the bound of a kill-switch change) is null. */
  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
