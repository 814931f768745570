package dev.skerry.core.spec;

import java.util.List;
import java.util.regex.Pattern;

/** Deployment and workload names: a DNS label, as in Kubernetes (it is also a container name). */
public final class Names {
  public static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private Names() {}

  public static boolean valid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Adds the error of {@code name} at {@code path}, if any. */
  public static void check(List<FieldError> errors, String path, String name) {
    if (name == null || name.isEmpty()) {
      errors.add(new FieldError(path, "required"));
    } else if (!valid(name)) {
      errors.add(
          new FieldError(
              path,
              "'"
                  + name
                  + "' must be 1-63 lower-case letters, digits or '-',"
                  + " starting and ending with a letter or digit"));
    }
  }
}
