package dev.skerry.hub.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** Switches the hub's log output to one JSON object per line (logback's JsonEncoder). */
final class LogFormat {
  private LogFormat() {}

  static void json() {
    URL config = LogFormat.class.getClassLoader().getResource("logback-json.xml");
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    context.reset();
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      throw new IllegalStateException("cannot switch to JSON logs: " + e.getMessage(), e);
    }
  }
}
