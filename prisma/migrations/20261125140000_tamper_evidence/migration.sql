-- The profile access log gets a keyed hash chain of its own, like the change log's.
-- `prisma migrate diff` writes this as a table redefinition (copy, DROP TABLE, rename), which would silently
-- drop the append-only triggers; adding the columns in place gives the same schema and keeps them.
-- Rows already there keep an empty hash: they are legacy rows, accepted only before the first chained row
-- (see README, "Audit tools").
ALTER TABLE "AccessLogEntry" ADD COLUMN "prevHash" TEXT NOT NULL DEFAULT '';
ALTER TABLE "AccessLogEntry" ADD COLUMN "hash" TEXT NOT NULL DEFAULT '';

-- INSERT OR REPLACE (and REPLACE INTO) deletes the row it collides with without firing DELETE triggers
-- while recursive_triggers is off (the default): refuse any insert that reuses an existing id.
CREATE TRIGGER "AuditEvent_no_replace" BEFORE INSERT ON "AuditEvent"
WHEN EXISTS (SELECT 1 FROM "AuditEvent" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER "AccessLogEntry_no_replace" BEFORE INSERT ON "AccessLogEntry"
WHEN EXISTS (SELECT 1 FROM "AccessLogEntry" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'access log entries are append-only'); END;
