-- CreateTable
CREATE TABLE "OrganisationGroupMember" (
    "groupId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,

    PRIMARY KEY ("groupId", "memberId"),
    CONSTRAINT "OrganisationGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "OrganisationGroupMember_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- Hand-added (data move): each organisation's single group link becomes a membership row, before the
-- redefinition below drops the groupId column.
INSERT INTO "OrganisationGroupMember" ("groupId", "memberId")
SELECT "groupId", "id" FROM "Organisation" WHERE "groupId" IS NOT NULL;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organisation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "odsCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "closedAt" DATETIME,
    "workgroupCreatedAt" DATETIME,
    "workgroupCreatedById" INTEGER,
    CONSTRAINT "Organisation_workgroupCreatedById_fkey" FOREIGN KEY ("workgroupCreatedById") REFERENCES "ConsoleUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Organisation" ("id", "kind", "name", "odsCode") SELECT "id", "kind", "name", "odsCode" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE UNIQUE INDEX "Organisation_odsCode_key" ON "Organisation"("odsCode");
CREATE INDEX "Organisation_name_idx" ON "Organisation"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "OrganisationGroupMember_memberId_idx" ON "OrganisationGroupMember"("memberId");

-- Hand-added (backfill): an organisation where anyone was ever given the cervicalscreening workgroup has one,
-- created (by someone unrecorded) no later than its first grant. Every other organisation has none yet.
UPDATE "Organisation" SET "workgroupCreatedAt" = (
    SELECT MIN(w."startedAt") FROM "WorkgroupMembership" w JOIN "Position" p ON p."id" = w."positionId"
    WHERE p."organisationId" = "Organisation"."id"
) WHERE EXISTS (
    SELECT 1 FROM "WorkgroupMembership" w JOIN "Position" p ON p."id" = w."positionId"
    WHERE p."organisationId" = "Organisation"."id"
);
