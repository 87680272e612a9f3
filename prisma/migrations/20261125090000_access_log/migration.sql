-- CreateTable
CREATE TABLE "AccessLogEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "occurredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER NOT NULL,
    "actorEmail" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "smartcardId" TEXT NOT NULL,
    "personName" TEXT NOT NULL,
    "via" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "AccessLogEntry_smartcardId_id_idx" ON "AccessLogEntry"("smartcardId", "id");

-- CreateIndex
CREATE INDEX "AccessLogEntry_actorEmail_id_idx" ON "AccessLogEntry"("actorEmail", "id");

-- CreateIndex
CREATE INDEX "AccessLogEntry_occurredAt_id_idx" ON "AccessLogEntry"("occurredAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_actorEmail_id_idx" ON "AuditEvent"("actorEmail", "id");


-- The access log is append-only, like the change log.
CREATE TRIGGER "AccessLogEntry_no_update" BEFORE UPDATE ON "AccessLogEntry"
BEGIN SELECT RAISE(ABORT, 'access log entries are append-only'); END;
CREATE TRIGGER "AccessLogEntry_no_delete" BEFORE DELETE ON "AccessLogEntry"
BEGIN SELECT RAISE(ABORT, 'access log entries are append-only'); END;
