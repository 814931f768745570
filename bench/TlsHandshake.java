import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The agent's side of the mutual TLS handshake, timed (bench/tls-handshake.sh runs it). Uses the
 * agent's own setup: an enrolled identity directory ({@code device.key}, {@code device.crt},
 * {@code ca.crt}) and {@code TlsContexts.of(List.of(ca), identity)}, as the agent's MQTT link does,
 * with the host name checked. Prints per handshake wall time and this process's CPU time, for full
 * handshakes (a fresh SSLContext each, so no session to resume) and for handshakes on one context
 * (resumption allowed, as a reconnecting agent has), and the resident memory before TLS was touched
 * and after.
 *
 * <p>{@code javac -d OUT -cp agent/target/skerry-agent.jar bench/TlsHandshake.java; java -cp
 * agent/target/skerry-agent.jar:OUT TlsHandshake IDENTITY_DIR HOST PORT [N]}
 */
public final class TlsHandshake {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String host = args[1];
    int port = Integer.parseInt(args[2]);
    int n = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    long rssBefore = rssKiB();
    PrivateKey key = Pem.privateKey(Pem.read(dir.resolve("device.key")));
    X509Certificate cert = Pem.certificate(Pem.read(dir.resolve("device.crt")));
    X509Certificate ca = Pem.certificate(Pem.read(dir.resolve("ca.crt")));
    TlsContexts.Identity identity = new TlsContexts.Identity(key, List.of(cert));

    SSLSocket first = handshake(TlsContexts.of(List.of(ca), identity), host, port);
    System.out.printf(
        "tls %s %s; first handshake in this JVM (class loading, providers) done%n",
        first.getSession().getProtocol(),
        first.getSession().getCipherSuite());
    first.close();
    long rssAfterFirst = rssKiB();
    for (int i = 0; i < Math.min(20, n); i++) { // warm-up
      handshake(TlsContexts.of(List.of(ca), identity), host, port).close();
    }

    long[] full = new long[n];
    long cpu0 = cpuNanos();
    for (int i = 0; i < n; i++) {
      SSLContext fresh = TlsContexts.of(List.of(ca), identity);
      long t0 = System.nanoTime();
      handshake(fresh, host, port).close();
      full[i] = System.nanoTime() - t0;
    }
    long cpuFull = cpuNanos() - cpu0;

    SSLContext shared = TlsContexts.of(List.of(ca), identity);
    handshake(shared, host, port).close();
    long[] reused = new long[n];
    cpu0 = cpuNanos();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      handshake(shared, host, port).close();
      reused[i] = System.nanoTime() - t0;
    }
    long cpuReused = cpuNanos() - cpu0;
    long rssAfter = rssKiB();

    report("full", full, cpuFull, n);
    report("one-context", reused, cpuReused, n);
    System.out.printf(
        "rss KiB: before TLS %d, after the first handshake %d (+%d), after %d handshakes %d (+%d)%n",
        rssBefore,
        rssAfterFirst,
        rssAfterFirst - rssBefore,
        2 * n + 21,
        rssAfter,
        rssAfter - rssBefore);
    System.out.printf(
        "cpu: %d cores; load %s%n",
        Runtime.getRuntime().availableProcessors(),
        Files.readString(Path.of("/proc/loadavg")).strip());
  }

  private static SSLSocket handshake(SSLContext ctx, String host, int port) throws Exception {
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(host, port);
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    s.setSSLParameters(p);
    s.startHandshake();
    return s;
  }

  private static void report(String name, long[] nanos, long cpuNanos, int n) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%-11s n=%d  wall median %.2f ms  p90 %.2f ms  min %.2f ms  cpu (this process, all"
            + " threads) %.2f ms per handshake%n",
        name,
        n,
        sorted[n / 2] / 1e6,
        sorted[(int) (n * 0.9)] / 1e6,
        sorted[0] / 1e6,
        cpuNanos / 1e6 / n);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long rssKiB() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }
}
