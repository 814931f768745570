-- V4: device identity (issue 12, docs/decisions/0010). join_tokens holds only the SHA-256 of each
-- token's secret. device_identities holds the certificate a device enrolled or renewed with, and
-- its revocation. A new join token re-issues a revoked identity.
CREATE TABLE join_tokens (
  secret_hash TEXT PRIMARY KEY,
  expires_at TEXT NOT NULL,
  uses_left INTEGER NOT NULL,
  device_id TEXT,
  labels TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE device_identities (
  device_id TEXT PRIMARY KEY,
  serial TEXT NOT NULL,
  not_after TEXT NOT NULL,
  enrolled_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_serials TEXT NOT NULL
);
