package dev.skerry.core.sql;

import java.sql.SQLException;

/**
 * The database was written by a newer build: its schema version is above the last migration this
 * build ships. Running on it could lose or misread data, so the runner stops instead.
 */
public final class SchemaTooNewException extends SQLException {
  private static final long serialVersionUID = 1L;

  public SchemaTooNewException(int found, int known) {
    super(
        "the database has schema version "
            + found
            + " but this build knows only up to "
            + known
            + "; it was written by a newer release, and downgrades are not supported: run that"
            + " release again, or restore a backup taken before the upgrade");
  }
}
