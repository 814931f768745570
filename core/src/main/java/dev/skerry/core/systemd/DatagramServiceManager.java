package dev.skerry.core.systemd;

import dev.skerry.core.concurrent.NamedThreads;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends notify datagrams to {@code NOTIFY_SOCKET} over a unix datagram socket. The JDK has none
 * (its {@code UnixDomainSocketAddress} is stream-only), so this uses Netty's native epoll
 * transport: one unbound socket, one {@code sendto} per message, so a socket systemd re-created
 * (daemon-reexec) is still reached. systemd learns the sender's pid from the kernel ({@code
 * SO_PASSCRED} on its side), which {@code NotifyAccess=main} checks.
 *
 * <p>This is the only class of Skerry that touches Netty's epoll classes for systemd; {@link
 * ServiceManagers} loads it only when {@code NOTIFY_SOCKET} is set.
 */
final class DatagramServiceManager implements ServiceManager {
  private static final System.Logger LOG = System.getLogger(DatagramServiceManager.class.getName());

  private final DomainSocketAddress target;
  private final String socket;
  private final Duration watchdog;
  private final EventLoopGroup group;
  private final Channel channel;
  private final AtomicReference<String> lastFailure = new AtomicReference<>();

  private DatagramServiceManager(String socket, Duration watchdog) {
    this.socket = socket;
    this.watchdog = watchdog;
    // An abstract socket's name starts with a NUL byte; systemd writes it as '@'.
    this.target =
        new DomainSocketAddress(socket.startsWith("@") ? "\0" + socket.substring(1) : socket);
    this.group = new EpollEventLoopGroup(1, NamedThreads.factory("skerry-notify", true));
    try {
      this.channel =
          new Bootstrap()
              .group(group)
              .channel(EpollDomainDatagramChannel.class)
              // Unbound and unconnected: writable once registered, every packet names its target.
              .option(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true)
              .handler(new ChannelInboundHandlerAdapter())
              .register()
              .syncUninterruptibly()
              .channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
  }

  /**
   * A sender for {@code env}, or {@link ServiceManager#none()} with a warning when this platform
   * has no epoll native library (Netty ships none for armhf) or the socket cannot be opened.
   */
  static ServiceManager open(NotifyEnvironment env) {
    if (!Epoll.isAvailable()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "NOTIFY_SOCKET is set, but Netty's epoll library is not available on this platform ("
              + Epoll.unavailabilityCause()
              + "): systemd is not told of readiness or liveness; run the unit as Type=simple");
      return ServiceManager.none();
    }
    try {
      return new DatagramServiceManager(env.socket(), env.watchdog());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot open a notify socket: " + e);
      return ServiceManager.none();
    }
  }

  @Override
  public void notify(String message) {
    if (!channel.isOpen()) {
      return;
    }
    channel
        .writeAndFlush(
            new DomainDatagramPacket(
                Unpooled.copiedBuffer(message, StandardCharsets.UTF_8), target))
        .addListener(
            f -> {
              if (f.isSuccess()) {
                lastFailure.set(null);
              } else {
                String why = String.valueOf(f.cause());
                // Once per kind of failure, not once per ping.
                if (!why.equals(lastFailure.getAndSet(why))) {
                  LOG.log(
                      System.Logger.Level.WARNING,
                      "cannot notify systemd at " + socket + ": " + why);
                }
              }
            });
  }

  @Override
  public Optional<Duration> watchdogTimeout() {
    return Optional.ofNullable(watchdog);
  }

  @Override
  public boolean active() {
    return true;
  }

  /** Waits (briefly) for what was written, so a last {@code STOPPING=1} goes out before exit. */
  @Override
  public void close() {
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).awaitUninterruptibly(1, TimeUnit.SECONDS);
    channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
  }
}
