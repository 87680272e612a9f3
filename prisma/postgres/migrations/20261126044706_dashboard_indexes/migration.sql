-- CreateIndex
CREATE INDEX "AuditEvent_action_occurredAt_odsCode_idx" ON "AuditEvent"("action", "occurredAt", "odsCode");

-- CreateIndex
CREATE INDEX "AuditEvent_odsCode_action_occurredAt_idx" ON "AuditEvent"("odsCode", "action", "occurredAt");
