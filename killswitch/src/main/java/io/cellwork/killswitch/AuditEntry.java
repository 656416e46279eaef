package io.cellwork.killswitch;

/**
 * One line of the kill-switch audit: who did what to which switch, when, why and from where.
 *
 * @param at ISO-8601 instant
 * @param action {@code engaged}, {@code released}, {@code expired} or {@code denied}
 * @param node the node that took the action ({@code host:port}), or {@code ttl} for expiry
 */
public record AuditEntry(
    String at, String action, String switchId, String scope, String mode, String reason, String operator, String node)
    implements KillSwitchWire {}
