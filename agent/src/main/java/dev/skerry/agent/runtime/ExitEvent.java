package dev.skerry.agent.runtime;

import java.time.Instant;

/** A container's init process exited. */
public record ExitEvent(String containerId, int exitStatus, Instant exitedAt) {}
