package dev.skerry.core.sql;

/** One numbered schema script: {@code V<version>__<name>.sql} and its text. */
public record Migration(int version, String fileName, String script) {}
