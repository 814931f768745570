package dev.skerry.agent.runtime;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.transport.Transport;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.ThreadFactory;

/**
 * A Vert.x transport on Netty's NIO channels that also opens unix domain sockets, through the JDK's
 * own {@code UnixDomainSocketAddress} channels (Java 16+, Netty's {@code NioDomainSocketChannel}).
 * For platforms without Netty's epoll library (armhf): Vert.x 4.5's own NIO transport refuses
 * domain sockets, so without this the agent could not reach containerd's socket there.
 */
public final class NioDomainTransport implements Transport {
  @Override
  public boolean supportsDomainSockets() {
    return true;
  }

  @Override
  public java.net.SocketAddress convert(SocketAddress address) {
    if (address.isDomainSocket()) {
      return UnixDomainSocketAddress.of(address.path());
    }
    return Transport.super.convert(address);
  }

  @Override
  public SocketAddress convert(java.net.SocketAddress address) {
    if (address instanceof UnixDomainSocketAddress unix) {
      return SocketAddress.domainSocketAddress(unix.getPath().toString());
    }
    return Transport.super.convert(address);
  }

  @Override
  public EventLoopGroup eventLoopGroup(
      int type, int nThreads, ThreadFactory threadFactory, int ioRatio) {
    NioEventLoopGroup group = new NioEventLoopGroup(nThreads, threadFactory);
    group.setIoRatio(ioRatio);
    return group;
  }

  @Override
  public DatagramChannel datagramChannel() {
    return new NioDatagramChannel();
  }

  @Override
  public DatagramChannel datagramChannel(InternetProtocolFamily family) {
    return new NioDatagramChannel(family);
  }

  @Override
  public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
    return domainSocket ? NioDomainSocketChannel::new : NioSocketChannel::new;
  }

  @Override
  public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
    return domainSocket ? NioServerDomainSocketChannel::new : NioServerSocketChannel::new;
  }
}
