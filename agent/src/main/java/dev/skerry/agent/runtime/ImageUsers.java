package dev.skerry.agent.runtime;

/**
 * Resolves an image config's {@code User} ({@code user[:group]}, each a name or a number) to
 * numbers with the image's {@code /etc/passwd} and {@code /etc/group}, as Docker and runc do: a
 * user without a group gets the primary group of its passwd entry (0 if it has none). Pure.
 */
final class ImageUsers {
  /** A numeric user, ready for the OCI spec. */
  record Ids(long uid, long gid) {
    String spec() {
      return uid + ":" + gid;
    }
  }

  private ImageUsers() {}

  /** Whether {@code user} is already {@code uid[:gid]}. */
  static boolean numeric(String user) {
    return user.matches("\\d+(:\\d+)?");
  }

  /**
   * @param passwd the image's /etc/passwd, or null if it has none
   * @param group the image's /etc/group, or null if it has none
   */
  static Ids resolve(String user, String passwd, String group, String workload) {
    String[] parts = user.split(":", 2);
    String[] entry = find(passwd, parts[0], 0, 2);
    long uid;
    if (parts[0].matches("\\d+")) {
      uid = Long.parseLong(parts[0]);
    } else if (entry != null) {
      uid = Long.parseLong(entry[2]);
    } else {
      throw notFound(workload, "user '" + parts[0] + "'", passwd == null ? "/etc/passwd" : null);
    }
    long gid;
    if (parts.length == 2) {
      if (parts[1].matches("\\d+")) {
        gid = Long.parseLong(parts[1]);
      } else {
        String[] g = find(group, parts[1], 0, 2);
        if (g == null) {
          throw notFound(workload, "group '" + parts[1] + "'", group == null ? "/etc/group" : null);
        }
        gid = Long.parseLong(g[2]);
      }
    } else {
      gid =
          entry != null && entry.length > 3 && entry[3].matches("\\d+")
              ? Long.parseLong(entry[3])
              : 0;
    }
    return new Ids(uid, gid);
  }

  /**
   * The colon-separated line whose field {@code key} (name) or {@code idField} equals {@code want}.
   */
  private static String[] find(String file, String want, int key, int idField) {
    if (file == null) {
      return null;
    }
    boolean byId = want.matches("\\d+");
    for (String line : file.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.strip().split(":", -1);
      if (f.length > idField
          && f[byId ? idField : key].equals(want)
          && f[idField].matches("\\d+")) {
        return f;
      }
    }
    return null;
  }

  private static RuntimeFailure notFound(String workload, String what, String missingFile) {
    return new PermanentFailure(
        "CreateFailed",
        "workload "
            + workload
            + ": image "
            + what
            + (missingFile != null
                ? " cannot be resolved: the image has no " + missingFile
                : " is not in the image's "
                    + (what.startsWith("user") ? "/etc/passwd" : "/etc/group")));
  }
}
