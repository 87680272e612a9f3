-- CreateTable
CREATE TABLE "Organisation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "odsCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "groupId" INTEGER,
    CONSTRAINT "Organisation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "smartcardId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Position" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "title" TEXT,
    CONSTRAINT "Position_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Position_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobRole" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "userGroup" TEXT NOT NULL,
    "functions" TEXT NOT NULL,
    "csmsAccess" BOOLEAN NOT NULL
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "positionId" INTEGER NOT NULL,
    "roleCode" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "grantedById" INTEGER,
    "grantReason" TEXT NOT NULL,
    "requestId" TEXT,
    "endedAt" DATETIME,
    "endedById" INTEGER,
    "endReason" TEXT,
    CONSTRAINT "RoleAssignment_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RoleAssignment_roleCode_fkey" FOREIGN KEY ("roleCode") REFERENCES "JobRole" ("code") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RoleAssignment_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RoleAssignment_endedById_fkey" FOREIGN KEY ("endedById") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkgroupMembership" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "positionId" INTEGER NOT NULL,
    "workgroup" TEXT NOT NULL DEFAULT 'cervicalscreening',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "grantedById" INTEGER,
    "grantReason" TEXT NOT NULL,
    "requestId" TEXT,
    "endedAt" DATETIME,
    "endedById" INTEGER,
    "endReason" TEXT,
    CONSTRAINT "WorkgroupMembership_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "WorkgroupMembership_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "WorkgroupMembership_endedById_fkey" FOREIGN KEY ("endedById") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConsoleUser" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "personId" INTEGER,
    CONSTRAINT "ConsoleUser_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConsoleUserOrganisation" (
    "consoleUserId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,

    PRIMARY KEY ("consoleUserId", "organisationId"),
    CONSTRAINT "ConsoleUserOrganisation_consoleUserId_fkey" FOREIGN KEY ("consoleUserId") REFERENCES "ConsoleUser" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ConsoleUserOrganisation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConsoleSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consoleUserId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    CONSTRAINT "ConsoleSession_consoleUserId_fkey" FOREIGN KEY ("consoleUserId") REFERENCES "ConsoleUser" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "occurredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorEmail" TEXT NOT NULL,
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
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
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
CREATE INDEX "ConsoleUserOrganisation_organisationId_idx" ON "ConsoleUserOrganisation"("organisationId");

-- CreateIndex
CREATE INDEX "ConsoleSession_consoleUserId_idx" ON "ConsoleSession"("consoleUserId");

-- CreateIndex
CREATE INDEX "AuditEvent_smartcardId_id_idx" ON "AuditEvent"("smartcardId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_id_idx" ON "AuditEvent"("actorId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_action_id_idx" ON "AuditEvent"("action", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_odsCode_id_idx" ON "AuditEvent"("odsCode", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_id_idx" ON "AuditEvent"("occurredAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_requestId_id_idx" ON "AuditEvent"("requestId", "id");


-- At most one active grant of a job role, and one active workgroup membership, per position:
-- applying the same change twice can never create a duplicate grant.
CREATE UNIQUE INDEX "RoleAssignment_active_key" ON "RoleAssignment"("positionId", "roleCode") WHERE "endedAt" IS NULL;
CREATE UNIQUE INDEX "WorkgroupMembership_active_key" ON "WorkgroupMembership"("positionId", "workgroup") WHERE "endedAt" IS NULL;

-- The audit log is append-only.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
