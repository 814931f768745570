package dev.skerry.agent.app;

import dev.skerry.agent.runtime.NioDomainTransport;
import io.netty.channel.epoll.Epoll;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxBuilder;
import java.util.logging.Logger;

/**
 * The agent's one Vert.x instance: on Netty's epoll transport where Netty ships its library (amd64,
 * arm64), else on NIO with the JDK's unix domain channels (armhf), so containerd's socket is
 * reachable everywhere (decision 0013).
 */
final class AgentVertx {
  private static final Logger LOG = Logger.getLogger(AgentVertx.class.getName());

  private AgentVertx() {}

  static Vertx create(VertxOptions options) {
    if (Epoll.isAvailable()) {
      return Vertx.vertx(options.setPreferNativeTransport(true));
    }
    LOG.info(
        "Netty's epoll library is not available here ("
            + Epoll.unavailabilityCause()
            + "); reaching containerd through the JDK's unix domain socket channels");
    // VertxBuilder is Vert.x 4.5's (internal) way to give it a transport of our own.
    return new VertxBuilder(options.setPreferNativeTransport(false))
        .findTransport(new NioDomainTransport())
        .init()
        .vertx();
  }
}
