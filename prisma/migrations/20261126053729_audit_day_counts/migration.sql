-- DropIndex
DROP INDEX "AuditEvent_action_occurredAt_odsCode_idx";

-- DropIndex
DROP INDEX "AuditEvent_odsCode_action_occurredAt_idx";

-- CreateTable
CREATE TABLE "AuditDayCount" (
    "day" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "odsCode" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("day", "action", "odsCode")
);

-- CreateIndex
CREATE INDEX "AuditDayCount_odsCode_day_idx" ON "AuditDayCount"("odsCode", "day");

-- Kept by the database on every insert into the change log, whichever code path writes it. SQLite keeps
-- DateTime as ISO text in UTC ("2026-11-25T17:24:00.000+00:00"): its first ten characters are the UTC day.
CREATE TRIGGER "AuditEvent_count_day" AFTER INSERT ON "AuditEvent"
BEGIN
  INSERT INTO "AuditDayCount" ("day", "action", "odsCode", "count")
  VALUES (substr(NEW."occurredAt", 1, 10), NEW."action", COALESCE(NEW."odsCode", ''), 1)
  ON CONFLICT ("day", "action", "odsCode") DO UPDATE SET "count" = "count" + 1;
END;

-- The events already in the log.
INSERT INTO "AuditDayCount" ("day", "action", "odsCode", "count")
SELECT substr("occurredAt", 1, 10), "action", COALESCE("odsCode", ''), COUNT(*) FROM "AuditEvent" GROUP BY 1, 2, 3;
