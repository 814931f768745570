package dev.skerry.agent.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device part of an OCI spec: the cgroup rules ({@code linux.resources.devices}, containerd's
 * defaults: deny all, then null, zero, full, random, urandom, tty, console, ptmx and the pts; runc
 * applies them on cgroup v1 and, as an eBPF program, on v2) plus one allow rule per given device,
 * and the nodes runc creates in the container ({@code linux.devices}). Pure.
 */
final class LinuxDevices {
  private static final int[][] DEFAULT_NODES = {
    {1, 3}, {1, 5}, {1, 7}, {1, 8}, {1, 9}, {5, 0}, {5, 1}, {5, 2}
  };

  private LinuxDevices() {}

  /** The cgroup rules; a privileged container may use every device. */
  static List<Map<String, Object>> cgroupRules(boolean privileged, List<DeviceNode> given) {
    List<Map<String, Object>> rules = new ArrayList<>();
    if (privileged) {
      rules.add(Map.of("allow", true, "access", "rwm"));
      return rules;
    }
    rules.add(Map.of("allow", false, "access", "rwm"));
    for (int[] d : DEFAULT_NODES) {
      rules.add(rule("c", d[0], d[1], "rwm"));
    }
    Map<String, Object> pts = new LinkedHashMap<>();
    pts.put("allow", true);
    pts.put("type", "c");
    pts.put("major", 136);
    pts.put("access", "rwm");
    rules.add(pts);
    for (DeviceNode n : given) {
      rules.add(rule(n.type(), n.major(), n.minor(), n.access()));
    }
    return rules;
  }

  /** The nodes runc creates (mknod) in the container's /dev. */
  static List<Map<String, Object>> nodes(List<DeviceNode> given) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DeviceNode n : given) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("path", n.containerPath());
      d.put("type", n.type());
      d.put("major", n.major());
      d.put("minor", n.minor());
      d.put("fileMode", n.fileMode());
      d.put("uid", n.uid());
      d.put("gid", n.gid());
      out.add(d);
    }
    return out;
  }

  private static Map<String, Object> rule(String type, long major, long minor, String access) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("allow", true);
    d.put("type", type);
    d.put("major", major);
    d.put("minor", minor);
    d.put("access", access);
    return d;
  }
}
