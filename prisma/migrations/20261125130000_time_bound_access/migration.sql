-- AlterTable
ALTER TABLE "RoleAssignment" ADD COLUMN "endsAt" DATETIME;
ALTER TABLE "RoleAssignment" ADD COLUMN "reviewedAt" DATETIME;

-- AlterTable
ALTER TABLE "WorkgroupMembership" ADD COLUMN "endsAt" DATETIME;
ALTER TABLE "WorkgroupMembership" ADD COLUMN "reviewedAt" DATETIME;

-- AlterTable
ALTER TABLE "PendingChange" ADD COLUMN "endsAt" DATETIME;
ALTER TABLE "PendingChange" ADD COLUMN "expiresAt" DATETIME;
ALTER TABLE "PendingChange" ADD COLUMN "justification" TEXT;
ALTER TABLE "PendingChange" ADD COLUMN "personVersion" INTEGER;
ALTER TABLE "PendingChange" ADD COLUMN "safeguards" TEXT;

-- The expiry run and the review list look only at live grants with an end date.
CREATE INDEX "RoleAssignment_due_idx" ON "RoleAssignment"("endsAt") WHERE "endedAt" IS NULL AND "endsAt" IS NOT NULL;
CREATE INDEX "WorkgroupMembership_due_idx" ON "WorkgroupMembership"("endsAt") WHERE "endedAt" IS NULL AND "endsAt" IS NOT NULL;

-- Asked-for changes from before four-eyes approval keep their meaning under the new status names.
UPDATE "PendingChange" SET "status" = 'approved' WHERE "status" = 'applied';
UPDATE "PendingChange" SET "status" = 'rejected' WHERE "status" = 'declined';
