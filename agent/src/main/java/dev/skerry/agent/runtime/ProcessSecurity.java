package dev.skerry.agent.runtime;

import dev.skerry.core.spec.LinuxCapabilities;
import dev.skerry.core.wire.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The capabilities of a workload's process: containerd's default set, with {@code
 * capabilities.drop} taken out and then {@code capabilities.add} put in (Docker's order, so {@code
 * drop: [ALL], add: [CAP_NET_BIND_SERVICE]} leaves exactly one); every capability when {@code
 * privileged}. Pure.
 */
final class ProcessSecurity {
  private ProcessSecurity() {}

  static List<String> capabilities(WorkloadSpec w) {
    if (w.privilegedOrDefault()) {
      return LinuxCapabilities.KNOWN;
    }
    Set<String> caps = new LinkedHashSet<>(SpecBuilder.CAPABILITIES);
    WorkloadSpec.Capabilities c = w.capabilities();
    List<String> drop = c == null || c.drop() == null ? List.of() : c.drop();
    List<String> add = c == null || c.add() == null ? List.of() : c.add();
    if (drop.contains(LinuxCapabilities.ALL)) {
      caps.clear();
    } else {
      drop.forEach(caps::remove);
    }
    if (add.contains(LinuxCapabilities.ALL)) {
      caps.addAll(LinuxCapabilities.KNOWN);
    } else {
      caps.addAll(add);
    }
    return new ArrayList<>(caps);
  }
}
