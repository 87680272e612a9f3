-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN "postcode" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "town" TEXT;

-- AlterTable
ALTER TABLE "AccessRequest" ADD COLUMN "otherOdsCodes" TEXT;
