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

    CONSTRAINT "AuditDayCount_pkey" PRIMARY KEY ("day","action","odsCode")
);

-- CreateIndex
CREATE INDEX "AuditDayCount_odsCode_day_idx" ON "AuditDayCount"("odsCode", "day");

-- Kept by the database on every insert into the change log, whichever code path writes it (timestamps are UTC).
CREATE FUNCTION "AuditEvent_count_day"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AuditDayCount" ("day", "action", "odsCode", "count")
  VALUES (to_char(NEW."occurredAt", 'YYYY-MM-DD'), NEW."action", COALESCE(NEW."odsCode", ''), 1)
  ON CONFLICT ("day", "action", "odsCode") DO UPDATE SET "count" = "AuditDayCount"."count" + 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "AuditEvent_count_day" AFTER INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "AuditEvent_count_day"();

-- The events already in the log.
INSERT INTO "AuditDayCount" ("day", "action", "odsCode", "count")
SELECT to_char("occurredAt", 'YYYY-MM-DD'), "action", COALESCE("odsCode", ''), COUNT(*) FROM "AuditEvent" GROUP BY 1, 2, 3;
