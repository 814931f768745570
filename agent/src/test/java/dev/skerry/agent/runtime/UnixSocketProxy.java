package dev.skerry.agent.runtime;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A unix socket in front of containerd's that a test can cut (every connection dropped, nothing
 * accepted) and restore: what the agent sees when containerd restarts.
 */
final class UnixSocketProxy implements AutoCloseable {
  private final Path listen;
  private final Path target;
  private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocketChannel server;

  UnixSocketProxy(Path listen, Path target) throws IOException {
    this.listen = listen;
    this.target = target;
    up();
  }

  synchronized void up() throws IOException {
    Files.deleteIfExists(listen);
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(listen));
    server = s;
    Thread acceptor = new Thread(() -> accept(s), "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  synchronized void down() throws IOException {
    server.close();
    Files.deleteIfExists(listen);
    for (SocketChannel c : open) {
      c.close();
    }
    open.clear();
  }

  private void accept(ServerSocketChannel s) {
    while (s.isOpen()) {
      try {
        SocketChannel client = s.accept();
        SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(target));
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void pump(SocketChannel from, SocketChannel to) {
    Thread t =
        new Thread(
            () -> {
              ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
              try {
                while (from.read(buffer) >= 0) {
                  buffer.flip();
                  while (buffer.hasRemaining()) {
                    to.write(buffer);
                  }
                  buffer.clear();
                }
              } catch (IOException e) {
                // connection cut
              } finally {
                try {
                  from.close();
                  to.close();
                } catch (IOException ignored) {
                  // already closed
                }
              }
            },
            "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    down();
  }
}
