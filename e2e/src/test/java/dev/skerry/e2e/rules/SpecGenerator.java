package dev.skerry.e2e.rules;

import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.core.wire.WorkloadSpec.Capabilities;
import dev.skerry.core.wire.WorkloadSpec.Device;
import dev.skerry.core.wire.WorkloadSpec.File;
import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import dev.skerry.core.wire.WorkloadSpec.HttpGet;
import dev.skerry.core.wire.WorkloadSpec.Mount;
import dev.skerry.core.wire.WorkloadSpec.Resources;
import dev.skerry.core.wire.WorkloadSpec.TcpSocket;
import dev.skerry.core.wire.WorkloadSpec.Volume;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Seeded workload specs, each field valid or mutated into something the rules refuse. Every case
 * knows whether it should be accepted and which mutations it carries, so that a test can check both
 * sides against each other and against the intent.
 */
final class SpecGenerator {
  /** The mount's host path lies outside {@link #ALLOWED_HOST_PATH}: only the device knows that. */
  static final String OUTSIDE_ALLOW_LIST = "mount outside the device's allow-list";

  static final String PORT_PROBE_WITHOUT_HOST_NETWORK = "port probe without host network";

  static final String ALLOWED_HOST_PATH = "/srv/skerry";

  /** One generated case. */
  record Case(
      WorkloadSpec spec,
      String labelKey,
      String labelValue,
      List<String> mutations,
      boolean valid) {
    boolean deviceLocal() {
      return mutations.contains(OUTSIDE_ALLOW_LIST);
    }
  }

  private record Choice<T>(T value, String mutation) {
    static <T> Choice<T> ok(T value) {
      return new Choice<>(value, null);
    }

    static <T> Choice<T> bad(T value, String mutation) {
      return new Choice<>(value, mutation);
    }
  }

  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private static final List<Choice<String>> NAMES =
      List.of(
          Choice.ok("web"),
          Choice.ok("a"),
          Choice.ok("a-1"),
          Choice.ok("x".repeat(63)),
          Choice.bad("Web", "name upper case"),
          Choice.bad("-a", "name starts with -"),
          Choice.bad("a-", "name ends with -"),
          Choice.bad("a_b", "name with _"),
          Choice.bad("", "name empty"),
          Choice.bad(null, "name missing"),
          Choice.bad("x".repeat(64), "name too long"));

  private static final List<Choice<String>> IMAGES =
      List.of(
          Choice.ok("nginx:1.27"),
          Choice.ok("busybox"),
          Choice.ok("127.0.0.1:5000/skerry/busybox:1"),
          Choice.ok("ghcr.io/org/app@" + DIGEST),
          Choice.bad("UPPER CASE::bad", "image with spaces and upper case"),
          Choice.bad("", "image empty"),
          Choice.bad(null, "image missing"),
          Choice.bad("busybox:", "image empty tag"),
          Choice.bad("a//b", "image empty path component"),
          Choice.bad(" busybox", "image leading space"),
          Choice.bad("busybox@sha256:abc", "image short digest"));

  private static final List<Choice<String>> POLICIES =
      List.of(
          Choice.ok(null),
          Choice.ok("always"),
          Choice.ok("on-failure"),
          Choice.ok("never"),
          Choice.bad("sometimes", "restartPolicy unknown"),
          Choice.bad("Always", "restartPolicy capitalised"));

  private static final List<Choice<String>> UPDATES =
      List.of(
          Choice.ok(null),
          Choice.ok("stop-first"),
          Choice.ok("start-first"),
          Choice.bad("sideways", "updateStrategy unknown"));

  private static final List<Choice<Resources>> RESOURCES =
      List.of(
          Choice.ok(null),
          Choice.ok(new Resources(64, 0.5)),
          Choice.ok(new Resources(null, 2.0)),
          Choice.bad(new Resources(0, null), "memoryMiB zero"),
          Choice.bad(new Resources(-5, 1.0), "memoryMiB negative"),
          Choice.bad(new Resources(null, 0.0), "cpus zero"),
          Choice.bad(new Resources(null, -1.0), "cpus negative"));

  private static final List<Choice<List<String>>> COMMANDS =
      List.of(
          Choice.ok(null),
          Choice.ok(List.of("sh", "-c", "sleep 1000")),
          Choice.ok(List.of()),
          Choice.bad(Arrays.asList("sh", null), "command with null"));

  private static final List<Choice<Map<String, String>>> ENVS =
      List.of(
          Choice.ok(null),
          Choice.ok(Map.of("A", "1", "my.var", "")),
          Choice.bad(Map.of("A=B", "x"), "env name with ="),
          Choice.bad(Map.of("", "x"), "env name empty"),
          Choice.bad(nullValue("A"), "env value null"));

  private static final List<Choice<List<Mount>>> MOUNTS =
      List.of(
          Choice.ok(null),
          Choice.ok(List.of(new Mount(ALLOWED_HOST_PATH + "/data", "/data", true))),
          Choice.ok(
              List.of(
                  new Mount(ALLOWED_HOST_PATH + "/a", "/a", null),
                  new Mount(ALLOWED_HOST_PATH + "/b", "/b", false))),
          Choice.bad(List.of(new Mount("data", "/data", null)), "mount hostPath relative"),
          Choice.bad(
              List.of(new Mount("/srv/skerry/x", "x", null)), "mount containerPath relative"),
          Choice.bad(
              List.of(
                  new Mount("/srv/skerry/a", "/x", null), new Mount("/srv/skerry/b", "/x", null)),
              "mount containerPath twice"),
          Choice.bad(Arrays.asList((Mount) null), "mount null"),
          // Valid everywhere but on a device that does not allow it: see deviceLocal().
          Choice.bad(List.of(new Mount("/etc", "/host-etc", true)), OUTSIDE_ALLOW_LIST));

  private static final List<Choice<String>> NETWORKS =
      List.of(
          Choice.ok(null),
          Choice.ok("host"),
          Choice.ok("none"),
          Choice.bad("bridge", "network unknown"));

  /** Health checks; "port" marks the probes that need the host's network. */
  private static final List<Choice<HealthCheck>> CHECKS =
      List.of(
          Choice.ok(null),
          Choice.ok(check(List.of("/bin/true"), null, null, 5)),
          Choice.ok(check(null, new HttpGet(8080, "/healthz"), null, null)),
          Choice.ok(check(null, new HttpGet(80, null), null, 1)),
          Choice.ok(check(null, null, new TcpSocket(5432), null)),
          Choice.bad(check(List.of(), null, null, null), "exec empty"),
          Choice.bad(check(null, new HttpGet(0, "/"), null, null), "httpGet port 0"),
          Choice.bad(check(null, new HttpGet(70000, "/"), null, null), "httpGet port 70000"),
          Choice.bad(check(null, new HttpGet(80, "healthz"), null, null), "httpGet relative path"),
          Choice.bad(check(null, new HttpGet(80, "/a b"), null, null), "httpGet path with space"),
          Choice.bad(check(null, null, new TcpSocket(null), null), "tcpSocket no port"),
          Choice.bad(check(null, null, null, 5), "no probe"),
          Choice.bad(check(List.of("/bin/true"), null, new TcpSocket(1), null), "two probes"),
          Choice.bad(check(List.of("/bin/true"), null, null, 0), "periodSeconds zero"));

  private static final List<Choice<List<Volume>>> VOLUMES =
      List.of(
          Choice.ok(null),
          Choice.ok(List.of(new Volume("data", "/var/lib/db", false, 512))),
          Choice.ok(
              List.of(
                  new Volume("cache", "/cache", null, 8), new Volume("logs", "/logs", true, 64))),
          Choice.bad(
              List.of(new Volume("Data", "/var/lib/db", null, 64)), "volume name upper case"),
          Choice.bad(List.of(new Volume("data", "db", null, 64)), "volume containerPath relative"),
          Choice.bad(List.of(new Volume("data", "/db", null, null)), "volume without size"),
          Choice.bad(List.of(new Volume("data", "/db", null, 4)), "volume too small"),
          Choice.bad(
              List.of(new Volume("a", "/db", null, 64), new Volume("b", "/db", null, 64)),
              "volume containerPath twice"),
          Choice.bad(
              List.of(new Volume("a", "/db", null, 64), new Volume("a", "/db2", null, 64)),
              "volume named twice"));

  private static final List<Choice<List<Device>>> DEVICES =
      List.of(
          Choice.ok(null),
          Choice.ok(List.of(new Device("/dev/ttyUSB0", null, "rw"))),
          Choice.ok(List.of(new Device("/dev/zero", "/dev/z", null))),
          Choice.bad(List.of(new Device("dev/ttyUSB0", null, null)), "device hostPath relative"),
          Choice.bad(List.of(new Device("/dev/../etc/x", null, null)), "device hostPath with .."),
          Choice.bad(List.of(new Device("/dev/ttyUSB0", null, "rwx")), "device permission x"),
          Choice.bad(List.of(new Device("/dev/ttyUSB0", null, "rr")), "device permission twice"));

  private static final List<Choice<List<File>>> FILES =
      List.of(
          Choice.ok(null),
          Choice.ok(List.of(new File("/etc/app/config.yaml", "a: 1\n", "0440"))),
          Choice.ok(List.of(new File("/etc/app/empty", "", null))),
          Choice.bad(List.of(new File("/etc/app/x", null, null)), "file without content"),
          Choice.bad(List.of(new File("etc/app/x", "", null)), "file containerPath relative"),
          Choice.bad(List.of(new File("/etc/app/x", "", "0999")), "file mode not octal"),
          Choice.bad(List.of(new File("/etc/app/x", "", "rw")), "file mode letters"),
          Choice.bad(List.of(new File("/etc/x", "x".repeat(300_000), null)), "file too large"));

  private static final List<Choice<Capabilities>> CAPABILITIES =
      List.of(
          Choice.ok(null),
          Choice.ok(new Capabilities(null, List.of("CAP_NET_RAW"))),
          Choice.ok(new Capabilities(List.of("CAP_SYS_TIME"), List.of("ALL"))),
          Choice.bad(new Capabilities(List.of("NET_RAW"), null), "capability without CAP_"),
          Choice.bad(new Capabilities(null, List.of("CAP_NOPE")), "capability unknown"));

  private static final List<Choice<String>> USERS =
      List.of(
          Choice.ok(null),
          Choice.ok("1000"),
          Choice.ok("1000:1000"),
          Choice.ok("nobody:nogroup"),
          Choice.bad("a:b:c", "user with two colons"),
          Choice.bad("", "user empty"),
          Choice.bad("99999999999", "user id too large"));

  private static final List<Choice<String>> WORKING_DIRS =
      List.of(Choice.ok(null), Choice.ok("/srv"), Choice.bad("srv", "workingDir relative"));

  private static final List<Choice<Boolean>> FLAGS =
      List.of(Choice.ok(null), Choice.ok(true), Choice.ok(false));

  private static final List<Choice<String>> LABEL_KEYS =
      List.of(
          Choice.ok("site"),
          Choice.ok("skerry.dev/arch"),
          Choice.ok("a_b.c-d"),
          Choice.bad("site-", "label key ends with -"),
          Choice.bad("-site", "label key starts with -"),
          Choice.bad("a b", "label key with space"),
          Choice.bad("Skerry.Dev/arch", "label key prefix upper case"),
          Choice.bad("a/b/c", "label key two slashes"),
          Choice.bad("k".repeat(64), "label key too long"));

  private static final List<Choice<String>> LABEL_VALUES =
      List.of(
          Choice.ok("north"),
          Choice.ok(""),
          Choice.ok("v1.2_x"),
          Choice.bad("north-", "label value ends with -"),
          Choice.bad("a b", "label value with space"),
          Choice.bad("v".repeat(64), "label value too long"));

  /** Every mutation the generator makes. */
  static final Set<String> MUTATIONS =
      Stream.of(
              NAMES,
              IMAGES,
              POLICIES,
              UPDATES,
              RESOURCES,
              COMMANDS,
              ENVS,
              MOUNTS,
              NETWORKS,
              CHECKS,
              VOLUMES,
              DEVICES,
              FILES,
              CAPABILITIES,
              USERS,
              WORKING_DIRS,
              LABEL_KEYS,
              LABEL_VALUES)
          .flatMap(List::stream)
          .map(Choice::mutation)
          .filter(Objects::nonNull)
          .collect(Collectors.toCollection(HashSet::new));

  static {
    MUTATIONS.add(PORT_PROBE_WITHOUT_HOST_NETWORK);
  }

  private final Random random;

  SpecGenerator(long seed) {
    this.random = new Random(seed);
  }

  /** The next case; about one in three has no mutation at all. */
  Case next() {
    boolean clean = random.nextInt(3) == 0;
    List<String> mutations = new ArrayList<>();
    String name = pick(NAMES, clean, mutations);
    String image = pick(IMAGES, clean, mutations);
    List<String> command = pick(COMMANDS, clean, mutations);
    Map<String, String> env = pick(ENVS, clean, mutations);
    String policy = pick(POLICIES, clean, mutations);
    Resources resources = pick(RESOURCES, clean, mutations);
    List<Mount> mounts = pick(MOUNTS, clean, mutations);
    HealthCheck check = pick(CHECKS, clean, mutations);
    String network = pick(NETWORKS, clean, mutations);
    String update = pick(UPDATES, clean, mutations);
    List<Volume> volumes = pick(VOLUMES, clean, mutations);
    List<Device> devices = pick(DEVICES, clean, mutations);
    List<File> files = pick(FILES, clean, mutations);
    Capabilities caps = pick(CAPABILITIES, clean, mutations);
    String user = pick(USERS, clean, mutations);
    String workingDir = pick(WORKING_DIRS, clean, mutations);
    Boolean privileged = pick(FLAGS, clean, mutations);
    Boolean readOnlyRootfs = pick(FLAGS, clean, mutations);
    String labelKey = pick(LABEL_KEYS, clean, mutations);
    String labelValue = pick(LABEL_VALUES, clean, mutations);
    boolean portProbe = check != null && (check.httpGet() != null || check.tcpSocket() != null);
    if (portProbe && "none".equals(network)) {
      mutations.add(PORT_PROBE_WITHOUT_HOST_NETWORK);
    }
    WorkloadSpec spec =
        new WorkloadSpec(
            name,
            image,
            command,
            null,
            env,
            policy,
            resources,
            mounts,
            check,
            network,
            update,
            volumes,
            devices,
            files,
            privileged,
            caps,
            user,
            readOnlyRootfs,
            workingDir);
    boolean valid = mutations.stream().allMatch(OUTSIDE_ALLOW_LIST::equals);
    return new Case(spec, labelKey, labelValue, List.copyOf(mutations), valid);
  }

  /** A valid choice when clean, otherwise a mutation one time in four. */
  private <T> T pick(List<Choice<T>> choices, boolean clean, List<String> mutations) {
    List<Choice<T>> valid = choices.stream().filter(c -> c.mutation() == null).toList();
    List<Choice<T>> mutated = choices.stream().filter(c -> c.mutation() != null).toList();
    // Fields without an invalid value (the boolean flags) always pick a valid one.
    List<Choice<T>> pool = clean || mutated.isEmpty() || random.nextInt(4) != 0 ? valid : mutated;
    Choice<T> c = pool.get(random.nextInt(pool.size()));
    if (c.mutation() != null) {
      mutations.add(c.mutation());
    }
    return c.value();
  }

  private static HealthCheck check(
      List<String> exec, HttpGet httpGet, TcpSocket tcpSocket, Integer periodSeconds) {
    return new HealthCheck(exec, httpGet, tcpSocket, periodSeconds, null, null, null);
  }

  private static Map<String, String> nullValue(String key) {
    Map<String, String> m = new HashMap<>();
    m.put(key, null);
    return m;
  }
}
