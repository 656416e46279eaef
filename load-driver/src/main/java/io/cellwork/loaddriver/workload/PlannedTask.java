package io.cellwork.loaddriver.workload;

/** One task drawn from a workload: who, where, what. */
public record PlannedTask(String id, String tenant, String key, TaskTemplate template, String priority,
    String durability, boolean celebrity) {}
