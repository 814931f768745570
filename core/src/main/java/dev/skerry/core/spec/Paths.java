package dev.skerry.core.spec;

/** Path syntax shared by the rules. */
final class Paths {
  private Paths() {}

  /** Starts with '/' and has no NUL. */
  static boolean absolute(String path) {
    return path != null && path.startsWith("/") && path.indexOf('\0') < 0;
  }

  /** Absolute, not '/', and without empty, '.' or '..' components or a trailing '/'. */
  static boolean normalAbsolute(String path) {
    if (!absolute(path) || path.length() == 1 || path.endsWith("/")) {
      return false;
    }
    for (String part : path.substring(1).split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
