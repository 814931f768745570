package dev.skerry.core.spec;

import dev.skerry.core.wire.WorkloadSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of a workload's process and device fields: {@code capabilities}, {@code user}, {@code
 * workingDir} and {@code devices}. Syntax only; whether a device exists is the device's business
 * when it builds the container. Pure.
 */
final class SecurityRules {
  private static final String ID_OR_NAME = "([0-9]{1,10}|[A-Za-z_][A-Za-z0-9_.-]{0,31})";
  private static final Pattern USER = Pattern.compile(ID_OR_NAME + "(:" + ID_OR_NAME + ")?");
  private static final Pattern PERMISSIONS = Pattern.compile("(?!.*(.).*\\1)[rwm]{1,3}");
  private static final long MAX_ID = 4_294_967_294L;

  private SecurityRules() {}

  static void check(List<FieldError> errors, String path, WorkloadSpec w) {
    capabilities(errors, path + ".capabilities", w.capabilities());
    user(errors, path + ".user", w.user());
    if (w.workingDir() != null && !Paths.absolute(w.workingDir())) {
      errors.add(new FieldError(path + ".workingDir", "must be an absolute path"));
    }
    devices(errors, path + ".devices", w.devices());
  }

  private static void capabilities(
      List<FieldError> errors, String path, WorkloadSpec.Capabilities caps) {
    if (caps == null) {
      return;
    }
    names(errors, path + ".add", caps.add());
    names(errors, path + ".drop", caps.drop());
  }

  private static void names(List<FieldError> errors, String path, List<String> names) {
    if (names == null) {
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (!LinuxCapabilities.valid(n)) {
        errors.add(
            new FieldError(
                path + "[" + i + "]",
                "'" + n + "' is not a Linux capability (CAP_NET_RAW, CAP_SYS_TIME, ... or ALL)"));
      }
    }
  }

  private static void user(List<FieldError> errors, String path, String user) {
    if (user == null) {
      return;
    }
    if (!USER.matcher(user).matches()) {
      errors.add(
          new FieldError(
              path, "must be uid[:gid] or name[:group] (letters, digits, '_', '.', '-')"));
      return;
    }
    for (String part : user.split(":")) {
      if (part.matches("[0-9]+") && Long.parseLong(part) > MAX_ID) {
        errors.add(new FieldError(path, "ids must be at most " + MAX_ID));
      }
    }
  }

  private static void devices(
      List<FieldError> errors, String path, List<WorkloadSpec.Device> devices) {
    if (devices == null) {
      return;
    }
    Map<String, Integer> targets = new HashMap<>();
    for (int i = 0; i < devices.size(); i++) {
      WorkloadSpec.Device d = devices.get(i);
      String at = path + "[" + i + "]";
      if (d == null) {
        errors.add(new FieldError(at, "must not be null"));
        continue;
      }
      if (!Paths.normalAbsolute(d.hostPath())) {
        errors.add(new FieldError(at + ".hostPath", "must be an absolute path without . or .."));
      }
      if (d.containerPath() != null && !Paths.normalAbsolute(d.containerPath())) {
        errors.add(
            new FieldError(at + ".containerPath", "must be an absolute path without . or .."));
      } else if (d.containerPathOrDefault() != null) {
        Integer earlier = targets.putIfAbsent(d.containerPathOrDefault(), i);
        if (earlier != null) {
          errors.add(
              new FieldError(
                  at + ".containerPath",
                  "'"
                      + d.containerPathOrDefault()
                      + "' is already used by devices["
                      + earlier
                      + "]"));
        }
      }
      if (d.permissions() != null && !PERMISSIONS.matcher(d.permissions()).matches()) {
        errors.add(
            new FieldError(
                at + ".permissions", "must be one or more of r, w, m, each once (e.g. rw)"));
      }
    }
  }
}
