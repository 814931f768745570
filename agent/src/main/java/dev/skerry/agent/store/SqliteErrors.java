package dev.skerry.agent.store;

import java.sql.SQLException;

/** Translates SQLite's result codes into our small set of store exceptions. */
final class SqliteErrors {
  // https://www.sqlite.org/rescode.html (primary codes; extended codes keep them in the low byte)
  static final int SQLITE_CORRUPT = 11;
  static final int SQLITE_FULL = 13;
  static final int SQLITE_NOTADB = 26;

  private SqliteErrors() {}

  /** The primary result code of {@code e} or of an SQLException among its causes, else -1. */
  static int code(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getErrorCode() > 0) {
        return s.getErrorCode() & 0xff;
      }
    }
    return -1;
  }

  static boolean corrupt(Throwable e) {
    int code = code(e);
    return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
  }

  /** The failure a caller sees, with the cause named in words an operator understands. */
  static StoreFailure translate(String what, Throwable e) {
    int code = code(e);
    if (e instanceof StoreCorrupt) {
      return new StoreCorrupt(what + ": " + e.getMessage(), e);
    }
    if (code == SQLITE_FULL) {
      return new StoreFailure(what + ": disk full (" + e.getMessage() + ")", e);
    }
    if (corrupt(e)) {
      return new StoreCorrupt(what + ": database is corrupt (" + e.getMessage() + ")", e);
    }
    return new StoreFailure(what + ": " + e, e);
  }
}
