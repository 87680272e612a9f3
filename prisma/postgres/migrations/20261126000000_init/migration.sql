-- PostgreSQL schema for the models in prisma/models.prisma (generated with prisma migrate diff --from-empty), plus
-- what the SQLite migrations add by hand: partial indexes, append-only triggers. UTC as the database's time zone.

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Organisation" (
    "id" SERIAL NOT NULL,
    "odsCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "groupId" INTEGER,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "smartcardId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Position" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "title" TEXT,

    CONSTRAINT "Position_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRole" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "userGroup" TEXT NOT NULL,
    "functions" TEXT NOT NULL,
    "csmsAccess" BOOLEAN NOT NULL,

    CONSTRAINT "JobRole_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" SERIAL NOT NULL,
    "positionId" INTEGER NOT NULL,
    "roleCode" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "grantedById" INTEGER,
    "grantReason" TEXT NOT NULL,
    "requestId" TEXT,
    "endsAt" TIMESTAMP(3),
    "reviewedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endedById" INTEGER,
    "endReason" TEXT,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkgroupMembership" (
    "id" SERIAL NOT NULL,
    "positionId" INTEGER NOT NULL,
    "workgroup" TEXT NOT NULL DEFAULT 'cervicalscreening',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "grantedById" INTEGER,
    "grantReason" TEXT NOT NULL,
    "requestId" TEXT,
    "endsAt" TIMESTAMP(3),
    "reviewedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endedById" INTEGER,
    "endReason" TEXT,

    CONSTRAINT "WorkgroupMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsoleUser" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "personId" INTEGER,
    "oidcSubject" TEXT,

    CONSTRAINT "ConsoleUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsoleUserOrganisation" (
    "consoleUserId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,

    CONSTRAINT "ConsoleUserOrganisation_pkey" PRIMARY KEY ("consoleUserId","organisationId")
);

-- CreateTable
CREATE TABLE "ConsoleSession" (
    "id" TEXT NOT NULL,
    "consoleUserId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "ConsoleSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorEmail" TEXT NOT NULL,
    "actorName" TEXT,
    "action" TEXT NOT NULL,
    "personId" INTEGER,
    "smartcardId" TEXT,
    "personName" TEXT,
    "odsCode" TEXT,
    "orgName" TEXT,
    "roleCode" TEXT,
    "roleName" TEXT,
    "before" TEXT,
    "after" TEXT,
    "reason" TEXT,
    "requestId" TEXT,
    "safeguards" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessLogEntry" (
    "id" SERIAL NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER NOT NULL,
    "actorEmail" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "smartcardId" TEXT NOT NULL,
    "personName" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL DEFAULT '',
    "hash" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "AccessLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessRequest" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "odsCode" TEXT,
    "smartcardId" TEXT,
    "message" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "category" TEXT NOT NULL,
    "assignedToId" INTEGER,
    "createdById" INTEGER,
    "closedAt" TIMESTAMP(3),
    "closedById" INTEGER,
    "reply" TEXT,
    "rejectionReason" TEXT,
    "identityMethod" TEXT,
    "identityNote" TEXT,
    "identityConfirmedById" INTEGER,
    "identityConfirmedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "AccessRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitHit" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateLimitHit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingChange" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "smartcardId" TEXT NOT NULL,
    "odsCode" TEXT NOT NULL,
    "roleCode" TEXT,
    "reason" TEXT NOT NULL,
    "requestId" TEXT,
    "endsAt" TIMESTAMP(3),
    "justification" TEXT,
    "safeguards" TEXT,
    "personVersion" INTEGER,
    "expiresAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'pending',
    "proposedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,

    CONSTRAINT "PendingChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_odsCode_key" ON "Organisation"("odsCode");

-- CreateIndex
CREATE INDEX "Organisation_groupId_idx" ON "Organisation"("groupId");

-- CreateIndex
CREATE INDEX "Organisation_name_idx" ON "Organisation"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Person_smartcardId_key" ON "Person"("smartcardId");

-- CreateIndex
CREATE INDEX "Position_organisationId_idx" ON "Position"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Position_personId_organisationId_key" ON "Position"("personId", "organisationId");

-- CreateIndex
CREATE INDEX "RoleAssignment_positionId_endedAt_idx" ON "RoleAssignment"("positionId", "endedAt");

-- CreateIndex
CREATE INDEX "WorkgroupMembership_positionId_endedAt_idx" ON "WorkgroupMembership"("positionId", "endedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleUser_email_key" ON "ConsoleUser"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleUser_personId_key" ON "ConsoleUser"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleUser_oidcSubject_key" ON "ConsoleUser"("oidcSubject");

-- CreateIndex
CREATE INDEX "ConsoleUserOrganisation_organisationId_idx" ON "ConsoleUserOrganisation"("organisationId");

-- CreateIndex
CREATE INDEX "ConsoleSession_consoleUserId_endedAt_idx" ON "ConsoleSession"("consoleUserId", "endedAt");

-- CreateIndex
CREATE INDEX "AuditEvent_smartcardId_id_idx" ON "AuditEvent"("smartcardId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_id_idx" ON "AuditEvent"("actorId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_actorEmail_id_idx" ON "AuditEvent"("actorEmail", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_action_id_idx" ON "AuditEvent"("action", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_odsCode_id_idx" ON "AuditEvent"("odsCode", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_id_idx" ON "AuditEvent"("occurredAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_requestId_id_idx" ON "AuditEvent"("requestId", "id");

-- CreateIndex
CREATE INDEX "AccessLogEntry_smartcardId_id_idx" ON "AccessLogEntry"("smartcardId", "id");

-- CreateIndex
CREATE INDEX "AccessLogEntry_actorEmail_id_idx" ON "AccessLogEntry"("actorEmail", "id");

-- CreateIndex
CREATE INDEX "AccessLogEntry_occurredAt_id_idx" ON "AccessLogEntry"("occurredAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AccessRequest_reference_key" ON "AccessRequest"("reference");

-- CreateIndex
CREATE INDEX "AccessRequest_status_createdAt_idx" ON "AccessRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "AccessRequest_category_createdAt_idx" ON "AccessRequest"("category", "createdAt");

-- CreateIndex
CREATE INDEX "AccessRequest_odsCode_createdAt_idx" ON "AccessRequest"("odsCode", "createdAt");

-- CreateIndex
CREATE INDEX "AccessRequest_assignedToId_status_idx" ON "AccessRequest"("assignedToId", "status");

-- CreateIndex
CREATE INDEX "AccessRequest_createdAt_idx" ON "AccessRequest"("createdAt");

-- CreateIndex
CREATE INDEX "RateLimitHit_key_at_idx" ON "RateLimitHit"("key", "at");

-- CreateIndex
CREATE INDEX "PendingChange_status_createdAt_idx" ON "PendingChange"("status", "createdAt");

-- CreateIndex
CREATE INDEX "PendingChange_smartcardId_status_idx" ON "PendingChange"("smartcardId", "status");

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_roleCode_fkey" FOREIGN KEY ("roleCode") REFERENCES "JobRole"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "ConsoleUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_endedById_fkey" FOREIGN KEY ("endedById") REFERENCES "ConsoleUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkgroupMembership" ADD CONSTRAINT "WorkgroupMembership_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkgroupMembership" ADD CONSTRAINT "WorkgroupMembership_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "ConsoleUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkgroupMembership" ADD CONSTRAINT "WorkgroupMembership_endedById_fkey" FOREIGN KEY ("endedById") REFERENCES "ConsoleUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsoleUser" ADD CONSTRAINT "ConsoleUser_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsoleUserOrganisation" ADD CONSTRAINT "ConsoleUserOrganisation_consoleUserId_fkey" FOREIGN KEY ("consoleUserId") REFERENCES "ConsoleUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsoleUserOrganisation" ADD CONSTRAINT "ConsoleUserOrganisation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsoleSession" ADD CONSTRAINT "ConsoleSession_consoleUserId_fkey" FOREIGN KEY ("consoleUserId") REFERENCES "ConsoleUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "ConsoleUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "ConsoleUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "ConsoleUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_identityConfirmedById_fkey" FOREIGN KEY ("identityConfirmedById") REFERENCES "ConsoleUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingChange" ADD CONSTRAINT "PendingChange_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "ConsoleUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingChange" ADD CONSTRAINT "PendingChange_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "ConsoleUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Timestamps are stored without a zone (Prisma's TIMESTAMP(3)) and DEFAULT CURRENT_TIMESTAMP is taken in the
-- session's zone: the database's own default must be UTC, like the values the application writes.
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone TO %L', current_database(), 'UTC'); END $$;

-- At most one active grant of a job role, and one active workgroup membership, per position:
-- applying the same change twice can never create a duplicate grant.
CREATE UNIQUE INDEX "RoleAssignment_active_key" ON "RoleAssignment"("positionId", "roleCode") WHERE "endedAt" IS NULL;
CREATE UNIQUE INDEX "WorkgroupMembership_active_key" ON "WorkgroupMembership"("positionId", "workgroup") WHERE "endedAt" IS NULL;

-- The expiry run and the review list look only at live grants with an end date.
CREATE INDEX "RoleAssignment_due_idx" ON "RoleAssignment"("endsAt") WHERE "endedAt" IS NULL AND "endsAt" IS NOT NULL;
CREATE INDEX "WorkgroupMembership_due_idx" ON "WorkgroupMembership"("endsAt") WHERE "endedAt" IS NULL AND "endsAt" IS NOT NULL;

-- The change log and the access log are append-only; pending changes are decided, never deleted.
-- (INSERT ... ON CONFLICT DO UPDATE fires the UPDATE trigger; TRUNCATE has a statement trigger of its own.)
CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"('audit events are append-only');
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"('audit events are append-only');
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('audit events are append-only');
CREATE TRIGGER "AccessLogEntry_no_update" BEFORE UPDATE ON "AccessLogEntry"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"('access log entries are append-only');
CREATE TRIGGER "AccessLogEntry_no_delete" BEFORE DELETE ON "AccessLogEntry"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"('access log entries are append-only');
CREATE TRIGGER "AccessLogEntry_no_truncate" BEFORE TRUNCATE ON "AccessLogEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('access log entries are append-only');
CREATE TRIGGER "PendingChange_no_delete" BEFORE DELETE ON "PendingChange"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"('pending changes are kept');
CREATE TRIGGER "PendingChange_no_truncate" BEFORE TRUNCATE ON "PendingChange"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('pending changes are kept');
