package dev.skerry.agent.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skerry.agent.runtime.ResolvedImage.ImageConfig;
import dev.skerry.core.wire.WorkloadSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the OCI runtime spec of a workload the way containerd's default spec does (mounts,
 * capabilities, masked and read-only paths, namespaces, device rules, rlimits), then applies the
 * image config and the workload: process, user, capabilities ({@link ProcessSecurity}), limits,
 * bind mounts, volumes and files ({@link WorkloadMounts}), devices ({@link LinuxDevices}), network
 * mode, read-only root. Pure: what it takes from the host comes in as {@link HostSources}.
 */
public final class SpecBuilder {
  static final String PATH_ENV =
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  static final List<String> CAPABILITIES =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FSETID",
          "CAP_FOWNER",
          "CAP_MKNOD",
          "CAP_NET_RAW",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETFCAP",
          "CAP_SETPCAP",
          "CAP_NET_BIND_SERVICE",
          "CAP_SYS_CHROOT",
          "CAP_KILL",
          "CAP_AUDIT_WRITE");
  static final List<String> MASKED_PATHS =
      List.of(
          "/proc/acpi",
          "/proc/asound",
          "/proc/kcore",
          "/proc/keys",
          "/proc/latency_stats",
          "/proc/timer_list",
          "/proc/timer_stats",
          "/proc/sched_debug",
          "/proc/scsi",
          "/sys/firmware");
  static final List<String> READONLY_PATHS =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");
  static final long CPU_PERIOD = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SpecBuilder() {}

  /** The spec as JSON bytes, ready for {@code Containers.Create}. */
  static byte[] json(
      ContainerSpec spec, String namespace, List<Path> allowedHostPaths, HostSources sources) {
    try {
      return JSON.writeValueAsBytes(build(spec, namespace, allowedHostPaths, sources));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("spec not serializable", e);
    }
  }

  /** The spec of a container that takes no devices, volumes or files from the host. */
  public static Map<String, Object> build(
      ContainerSpec spec, String namespace, List<Path> allowedHostPaths) {
    return build(spec, namespace, allowedHostPaths, HostSources.NONE);
  }

  /** The spec as nested maps and lists (what {@link #json} serializes). */
  static Map<String, Object> build(
      ContainerSpec spec, String namespace, List<Path> allowedHostPaths, HostSources sources) {
    WorkloadSpec w = spec.workload();
    boolean privileged = w.privilegedOrDefault();
    ImageConfig image = spec.image().config();
    boolean hostNetwork = w.networkOrDefault().equals("host");

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("ociVersion", "1.0.2");
    root.put("process", process(w, image));
    root.put("root", Map.of("path", "rootfs", "readonly", w.readOnlyRootfsOrDefault()));
    List<Map<String, Object>> mounts = mounts(w, hostNetwork, allowedHostPaths);
    WorkloadMounts.add(mounts, w, sources);
    root.put("mounts", mounts);

    Map<String, Object> linux = new LinkedHashMap<>();
    linux.put("resources", resources(w, sources));
    if (!sources.devices().isEmpty()) {
      linux.put("devices", LinuxDevices.nodes(sources.devices()));
    }
    linux.put("cgroupsPath", "/" + namespace + "/" + spec.id());
    List<Map<String, Object>> namespaces = new ArrayList<>();
    for (String type : List.of("pid", "ipc", "uts", "mount", "network")) {
      if (type.equals("network") && hostNetwork) {
        continue;
      }
      namespaces.add(Map.of("type", type));
    }
    linux.put("namespaces", namespaces);
    // Privileged: /proc and /sys as the host has them, as Docker does.
    linux.put("maskedPaths", privileged ? List.of() : MASKED_PATHS);
    linux.put("readonlyPaths", privileged ? List.of() : READONLY_PATHS);
    root.put("linux", linux);
    return root;
  }

  private static Map<String, Object> process(WorkloadSpec w, ImageConfig image) {
    Map<String, Object> process = new LinkedHashMap<>();
    process.put("terminal", false);
    process.put("user", user(image.user(), w.name()));
    List<String> args = args(w, image);
    if (args.isEmpty()) {
      throw new PermanentFailure(
          "CreateFailed",
          "workload " + w.name() + ": neither the workload nor the image gives a command");
    }
    process.put("args", args);
    process.put("env", env(image.env(), w.env()));
    String cwd = w.workingDir() != null ? w.workingDir() : image.workingDir();
    process.put("cwd", cwd == null || cwd.isEmpty() ? "/" : cwd);
    List<String> caps = ProcessSecurity.capabilities(w);
    process.put("capabilities", Map.of("bounding", caps, "effective", caps, "permitted", caps));
    process.put("rlimits", List.of(Map.of("type", "RLIMIT_NOFILE", "hard", 1024, "soft", 1024)));
    process.put("noNewPrivileges", !w.privilegedOrDefault());
    return process;
  }

  /** Docker's rule: a command replaces the entrypoint and drops the image's Cmd. */
  static List<String> args(WorkloadSpec w, ImageConfig image) {
    List<String> out = new ArrayList<>();
    if (w.command() != null && !w.command().isEmpty()) {
      out.addAll(w.command());
      if (w.args() != null) {
        out.addAll(w.args());
      }
      return out;
    }
    out.addAll(image.entrypoint() == null ? List.of() : image.entrypoint());
    if (w.args() != null) {
      out.addAll(w.args());
    } else if (image.cmd() != null) {
      out.addAll(image.cmd());
    }
    return out;
  }

  /** Image env, then workload env overriding by name; PATH defaulted if the image has none. */
  static List<String> env(List<String> imageEnv, Map<String, String> workloadEnv) {
    Map<String, String> merged = new LinkedHashMap<>();
    List<String> base = imageEnv == null ? List.of() : imageEnv;
    if (base.stream().noneMatch(e -> e.startsWith("PATH="))) {
      merged.put("PATH", PATH_ENV);
    }
    for (String entry : base) {
      int eq = entry.indexOf('=');
      merged.put(eq < 0 ? entry : entry.substring(0, eq), entry);
    }
    if (workloadEnv != null) {
      workloadEnv.forEach((k, v) -> merged.put(k, k + "=" + v));
    }
    return List.copyOf(merged.values());
  }

  /**
   * uid[:gid] when numeric. Names are resolved by ContainerdRuntime from the rootfs (see {@link
   * ImageUsers}) before the spec is built; one that reaches here is a bug.
   */
  static Map<String, Object> user(String imageUser, String workload) {
    long uid = 0;
    long gid = 0;
    if (imageUser != null && !imageUser.isEmpty()) {
      String[] parts = imageUser.split(":", 2);
      if (!parts[0].matches("\\d+") || (parts.length == 2 && !parts[1].matches("\\d+"))) {
        throw new PermanentFailure(
            "CreateFailed",
            "workload "
                + workload
                + ": image user '"
                + imageUser
                + "' is not numeric (uid[:gid]) and was not resolved");
      }
      uid = Long.parseLong(parts[0]);
      gid = parts.length == 2 ? Long.parseLong(parts[1]) : 0;
    }
    return Map.of("uid", uid, "gid", gid);
  }

  private static List<Map<String, Object>> mounts(
      WorkloadSpec w, boolean hostNetwork, List<Path> allowedHostPaths) {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")));
    out.add(
        mount(
            "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
    out.add(
        mount(
            "/dev/pts",
            "devpts",
            "devpts",
            List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")));
    out.add(
        mount(
            "/dev/shm",
            "tmpfs",
            "shm",
            List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")));
    out.add(mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
    out.add(
        mount(
            "/sys",
            "sysfs",
            "sysfs",
            List.of("nosuid", "noexec", "nodev", w.privilegedOrDefault() ? "rw" : "ro")));
    out.add(
        mount(
            "/run", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
    if (hostNetwork) {
      // Sharing the host's network means using its name resolution too.
      out.add(mount("/etc/resolv.conf", "bind", "/etc/resolv.conf", List.of("rbind", "ro")));
      out.add(mount("/etc/hosts", "bind", "/etc/hosts", List.of("rbind", "ro")));
    }
    if (w.mounts() != null) {
      for (WorkloadSpec.Mount m : w.mounts()) {
        Path host = checkedHostPath(w.name(), m.hostPath(), allowedHostPaths);
        String target = m.containerPath();
        if (target == null || !target.startsWith("/")) {
          throw new PermanentFailure(
              "MountNotAllowed",
              "workload " + w.name() + ": container path must be absolute: " + target);
        }
        boolean readOnly = Boolean.TRUE.equals(m.readOnly());
        out.add(mount(target, "bind", host.toString(), List.of("rbind", readOnly ? "ro" : "rw")));
      }
    }
    return out;
  }

  /** A host path, normalized, that lies under one of the allowed prefixes (component-wise). */
  static Path checkedHostPath(String workload, String hostPath, List<Path> allowed) {
    if (hostPath == null || !hostPath.startsWith("/")) {
      throw new PermanentFailure(
          "MountNotAllowed", "workload " + workload + ": host path must be absolute: " + hostPath);
    }
    Path host = Path.of(hostPath).normalize();
    for (Path prefix : allowed) {
      if (host.startsWith(prefix.normalize())) {
        return host;
      }
    }
    throw new PermanentFailure(
        "MountNotAllowed",
        "workload "
            + workload
            + ": host path "
            + host
            + " is not under an allowed path "
            + allowed);
  }

  static Map<String, Object> mount(String dest, String type, String source, List<String> options) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("destination", dest);
    m.put("type", type);
    m.put("source", source);
    m.put("options", options);
    return m;
  }

  private static Map<String, Object> resources(WorkloadSpec w, HostSources sources) {
    WorkloadSpec.Resources r = w.resources();
    Map<String, Object> resources = new LinkedHashMap<>();
    resources.put("devices", LinuxDevices.cgroupRules(w.privilegedOrDefault(), sources.devices()));
    if (r != null && r.memoryMiB() != null) {
      resources.put("memory", Map.of("limit", r.memoryMiB().longValue() * 1024 * 1024));
    }
    if (r != null && r.cpus() != null) {
      long quota = Math.round(r.cpus() * CPU_PERIOD);
      long shares = Math.max(2, Math.round(r.cpus() * 1024));
      resources.put("cpu", Map.of("quota", quota, "period", CPU_PERIOD, "shares", shares));
    }
    return resources;
  }
}
