/**
 * Health probes for workloads, like a kubelet's liveness probes.
 *
 * <p>Whether a health check is well-formed is a rule both sides share ({@link
 * dev.skerry.core.spec.HealthCheckRules}). Pure parts: {@link
 * dev.skerry.agent.health.ProbeSettings} and {@link dev.skerry.agent.health.ProbeState} (given the
 * results so far, what is the health and when is the next probe due?). I/O parts: the probes
 * ({@link dev.skerry.agent.health.HttpGetProbe}, {@link dev.skerry.agent.health.TcpSocketProbe},
 * {@link dev.skerry.agent.health.ExecProbe}) and {@link dev.skerry.agent.health.HealthMonitor},
 * which runs them on the agent's Vert.x event loop. Restarting an unhealthy container is the
 * reconciler's job, not this package's.
 */
package dev.skerry.agent.health;
