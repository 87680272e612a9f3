-- DropIndex
DROP INDEX "ConsoleSession_consoleUserId_idx";

-- AlterTable
ALTER TABLE "ConsoleUser" ADD COLUMN "oidcSubject" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleUser_oidcSubject_key" ON "ConsoleUser"("oidcSubject");

-- CreateIndex
CREATE INDEX "ConsoleSession_consoleUserId_endedAt_idx" ON "ConsoleSession"("consoleUserId", "endedAt");

