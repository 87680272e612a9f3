-- CreateTable
CREATE TABLE "AccessRequest" (
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
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "AccessRequest_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RateLimitHit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

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

