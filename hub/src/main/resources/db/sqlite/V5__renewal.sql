-- V5: certificate renewal (issue 12, docs/decisions/0012). The identity record keeps the public key
-- of the certificate it names, so renewal checks the CSR against the hub's own record, whatever
-- broker the device is connected to (NULL for devices enrolled before V5: they renew once they
-- enrolled again). renewal_requests holds a device's renewal of an expired certificate until an
-- operator approves it: one row per device, the latest request.
ALTER TABLE device_identities ADD COLUMN public_key TEXT;

CREATE TABLE renewal_requests (
  device_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  old_serial TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  approved_at TEXT,
  certificate TEXT
);
