package dev.skerry.hub.mqtt;

/** The MQTT side cannot start (port taken, broker unreachable); the message says what to do. */
public final class BrokerStartException extends RuntimeException {
  public BrokerStartException(String message) {
    super(message);
  }

  public BrokerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
