package dev.skerry.core.spec;

import java.util.List;
import java.util.Set;

/**
 * The Linux capability names a workload may add or drop ({@code capability(7)}, up to
 * CAP_CHECKPOINT_RESTORE of Linux 5.9), and {@code ALL}. runc skips names the running kernel does
 * not know, so the list may be newer than a device's kernel.
 */
public final class LinuxCapabilities {
  /** Every capability, in the kernel's numbering order. */
  public static final List<String> KNOWN =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_DAC_READ_SEARCH",
          "CAP_FOWNER",
          "CAP_FSETID",
          "CAP_KILL",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETPCAP",
          "CAP_LINUX_IMMUTABLE",
          "CAP_NET_BIND_SERVICE",
          "CAP_NET_BROADCAST",
          "CAP_NET_ADMIN",
          "CAP_NET_RAW",
          "CAP_IPC_LOCK",
          "CAP_IPC_OWNER",
          "CAP_SYS_MODULE",
          "CAP_SYS_RAWIO",
          "CAP_SYS_CHROOT",
          "CAP_SYS_PTRACE",
          "CAP_SYS_PACCT",
          "CAP_SYS_ADMIN",
          "CAP_SYS_BOOT",
          "CAP_SYS_NICE",
          "CAP_SYS_RESOURCE",
          "CAP_SYS_TIME",
          "CAP_SYS_TTY_CONFIG",
          "CAP_MKNOD",
          "CAP_LEASE",
          "CAP_AUDIT_WRITE",
          "CAP_AUDIT_CONTROL",
          "CAP_SETFCAP",
          "CAP_MAC_OVERRIDE",
          "CAP_MAC_ADMIN",
          "CAP_SYSLOG",
          "CAP_WAKE_ALARM",
          "CAP_BLOCK_SUSPEND",
          "CAP_AUDIT_READ",
          "CAP_PERFMON",
          "CAP_BPF",
          "CAP_CHECKPOINT_RESTORE");

  /** Stands for every capability in {@code add} or {@code drop}. */
  public static final String ALL = "ALL";

  private static final Set<String> SET = Set.copyOf(KNOWN);

  private LinuxCapabilities() {}

  /** Whether {@code name} is a capability or {@link #ALL}. */
  public static boolean valid(String name) {
    return name != null && (ALL.equals(name) || SET.contains(name));
  }
}
