package io.cellwork.loaddriver.workload;

import java.util.Map;

/**
 * One entry of a workload's task mix: a named kind with its parameters (the name is the group the
 * report shows it under, e.g. {@code small} and {@code large} in a bimodal size mix).
 */
public record TaskTemplate(String name, double weight, String kind, Map<String, Object> params) {}
