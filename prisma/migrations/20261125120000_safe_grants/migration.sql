-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "safeguards" TEXT;

-- CreateTable
CREATE TABLE "PendingChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "smartcardId" TEXT NOT NULL,
    "odsCode" TEXT NOT NULL,
    "roleCode" TEXT,
    "reason" TEXT NOT NULL,
    "requestId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "proposedById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "decisionReason" TEXT,
    CONSTRAINT "PendingChange_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "ConsoleUser" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PendingChange_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AccessRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
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
    "closedAt" DATETIME,
    "closedById" INTEGER,
    "reply" TEXT,
    "rejectionReason" TEXT,
    "identityMethod" TEXT,
    "identityNote" TEXT,
    "identityConfirmedById" INTEGER,
    "identityConfirmedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "AccessRequest_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_identityConfirmedById_fkey" FOREIGN KEY ("identityConfirmedById") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_AccessRequest" ("assignedToId", "category", "closedAt", "closedById", "createdAt", "createdById", "email", "id", "message", "name", "odsCode", "reference", "rejectionReason", "reply", "smartcardId", "source", "status", "updatedAt", "version") SELECT "assignedToId", "category", "closedAt", "closedById", "createdAt", "createdById", "email", "id", "message", "name", "odsCode", "reference", "rejectionReason", "reply", "smartcardId", "source", "status", "updatedAt", "version" FROM "AccessRequest";
DROP TABLE "AccessRequest";
ALTER TABLE "new_AccessRequest" RENAME TO "AccessRequest";
CREATE UNIQUE INDEX "AccessRequest_reference_key" ON "AccessRequest"("reference");
CREATE INDEX "AccessRequest_status_createdAt_idx" ON "AccessRequest"("status", "createdAt");
CREATE INDEX "AccessRequest_category_createdAt_idx" ON "AccessRequest"("category", "createdAt");
CREATE INDEX "AccessRequest_odsCode_createdAt_idx" ON "AccessRequest"("odsCode", "createdAt");
CREATE INDEX "AccessRequest_assignedToId_status_idx" ON "AccessRequest"("assignedToId", "status");
CREATE INDEX "AccessRequest_createdAt_idx" ON "AccessRequest"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PendingChange_status_createdAt_idx" ON "PendingChange"("status", "createdAt");

-- CreateIndex
CREATE INDEX "PendingChange_smartcardId_status_idx" ON "PendingChange"("smartcardId", "status");


-- An asked-for change is decided, never deleted, so the queue's history stays.
CREATE TRIGGER "PendingChange_no_delete" BEFORE DELETE ON "PendingChange"
BEGIN SELECT RAISE(ABORT, 'pending changes are kept'); END;
