-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "postcode" TEXT,
ADD COLUMN     "town" TEXT;

-- AlterTable
ALTER TABLE "AccessRequest" ADD COLUMN     "otherOdsCodes" TEXT;
