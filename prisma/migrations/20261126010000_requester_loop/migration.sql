-- CreateTable
CREATE TABLE "RequestNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "authorId" INTEGER,
    "authorName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "RequestNote_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT,
    "kind" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" DATETIME,
    "sentAt" DATETIME,
    "lastError" TEXT,
    "messageId" TEXT
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
    "parentId" TEXT,
    "slaPausedAt" DATETIME,
    "slaPausedSeconds" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "AccessRequest_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_identityConfirmedById_fkey" FOREIGN KEY ("identityConfirmedById") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "AccessRequest" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_AccessRequest" ("assignedToId", "category", "closedAt", "closedById", "createdAt", "createdById", "email", "id", "identityConfirmedAt", "identityConfirmedById", "identityMethod", "identityNote", "message", "name", "odsCode", "reference", "rejectionReason", "reply", "smartcardId", "source", "status", "updatedAt", "version") SELECT "assignedToId", "category", "closedAt", "closedById", "createdAt", "createdById", "email", "id", "identityConfirmedAt", "identityConfirmedById", "identityMethod", "identityNote", "message", "name", "odsCode", "reference", "rejectionReason", "reply", "smartcardId", "source", "status", "updatedAt", "version" FROM "AccessRequest";
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
CREATE INDEX "RequestNote_requestId_createdAt_idx" ON "RequestNote"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_status_nextAttemptAt_idx" ON "OutboxEmail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_requestId_createdAt_idx" ON "OutboxEmail"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_createdAt_idx" ON "OutboxEmail"("createdAt");


-- Notes on a request are kept as written: never edited, never deleted.
CREATE TRIGGER "RequestNote_no_update" BEFORE UPDATE ON "RequestNote"
BEGIN SELECT RAISE(ABORT, 'request notes are append-only'); END;
CREATE TRIGGER "RequestNote_no_delete" BEFORE DELETE ON "RequestNote"
BEGIN SELECT RAISE(ABORT, 'request notes are append-only'); END;
-- An email once queued is delivered or marked failed, never removed, so what the requester was told stays.
CREATE TRIGGER "OutboxEmail_no_delete" BEFORE DELETE ON "OutboxEmail"
BEGIN SELECT RAISE(ABORT, 'outbox emails are kept'); END;
