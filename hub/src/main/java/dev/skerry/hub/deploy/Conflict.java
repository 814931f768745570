package dev.skerry.hub.deploy;

/**
 * Two deployments put a workload of the same name on one device; the older deployment's workload
 * ({@code kept}) runs, the other's ({@code dropped}) does not.
 */
public record Conflict(String deviceId, String workload, String kept, String dropped) {}
