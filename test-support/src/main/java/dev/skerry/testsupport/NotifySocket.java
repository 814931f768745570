package dev.skerry.testsupport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What systemd's end of the notify protocol is: a unix datagram socket (a path or an abstract name)
 * that keeps every datagram it receives, with its arrival time. {@link #address()} is the value for
 * {@code NOTIFY_SOCKET}.
 */
public final class NotifySocket implements AutoCloseable {
  /** One datagram and when it arrived ({@link System#nanoTime()}). */
  public record Received(String text, long atNanos) {
    /** Its assignments, one per line ({@code READY=1}, {@code STATUS=...}). */
    public List<String> assignments() {
      return List.of(text.split("\n"));
    }
  }

  private final String address;
  private final EventLoopGroup group = new EpollEventLoopGroup(1);
  private final Channel channel;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private NotifySocket(String address, String bindName) {
    this.address = address;
    this.channel =
        new Bootstrap()
            .group(group)
            .channel(EpollDomainDatagramChannel.class)
            .handler(
                new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket p) {
                    received.add(
                        new Received(
                            p.content().toString(StandardCharsets.UTF_8), System.nanoTime()));
                  }
                })
            .bind(new DomainSocketAddress(bindName))
            .syncUninterruptibly()
            .channel();
  }

  /** A socket file at {@code path}. */
  public static NotifySocket atPath(Path path) {
    return new NotifySocket(path.toString(), path.toString());
  }

  /** An abstract socket (no file); its address is {@code @name}, as systemd writes it. */
  public static NotifySocket abstractNamed(String name) {
    return new NotifySocket("@" + name, "\0" + name);
  }

  /** The value of {@code NOTIFY_SOCKET} that reaches this socket. */
  public String address() {
    return address;
  }

  /** Every datagram so far, oldest first. */
  public List<Received> received() {
    return new ArrayList<>(received);
  }

  /** Every datagram that contains the assignment {@code line} (e.g. {@code WATCHDOG=1}). */
  public List<Received> with(String line) {
    return received().stream().filter(r -> r.assignments().contains(line)).toList();
  }

  /** Every value assigned to {@code key} (e.g. the {@code STATUS} lines), oldest first. */
  public List<String> values(String key) {
    return received().stream()
        .flatMap(r -> r.assignments().stream())
        .filter(a -> a.startsWith(key + "="))
        .map(a -> a.substring(key.length() + 1))
        .toList();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
