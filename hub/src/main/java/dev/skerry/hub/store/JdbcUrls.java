package dev.skerry.hub.store;

import java.util.regex.Pattern;

/** Makes JDBC URLs safe to log. */
public final class JdbcUrls {
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;]password=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?]+):[^/@?]*@");

  private JdbcUrls() {}

  /** {@code url} with any password (query parameter or user info) replaced by {@code ***}. */
  public static String redact(String url) {
    String noParam = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(noParam).replaceAll("$1:***@");
  }
}
