package io.cellwork.controlplane.access;

/** Who made a request, as the audit names them. */
public record Principal(String name, Role role) {}
