package dev.skerry.agent.health;

/**
 * The health of one container as its probe sees it. The contract's JSON spelling is {@link
 * #wireName()}.
 */
public enum Health {
  /** No verdict yet: before the first result, during the initial delay, or not monitored. */
  UNKNOWN,
  /** The probe succeeded (successThreshold times in a row since it was last unhealthy). */
  HEALTHY,
  /** The probe failed failureThreshold times in a row. */
  UNHEALTHY;

  /** {@code unknown}, {@code healthy} or {@code unhealthy}, as in the status reports. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
