-- V7: operators (issue 13). users holds each person's role and password hash (PBKDF2, never the
-- password); api_tokens holds login sessions and personal API tokens as the SHA-256 of their
-- secret; audit is the append-only trail of changes, written in the transaction of the change
-- where the change is in this database. Triggers refuse to change or remove an audit row.
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL UNIQUE,
  user_name TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT
);

CREATE INDEX api_tokens_by_user ON api_tokens (user_name);

CREATE TABLE audit (
  id BIGSERIAL PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  credential TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  address TEXT,
  user_agent TEXT,
  revision BIGINT
);

CREATE INDEX audit_by_time ON audit (at);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;

CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
