-- DropIndex
DROP INDEX "Decision_register_year_sequence_key";

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "periodStart" TEXT;

-- Backfill: every number given so far was numbered per calendar year, and stays valid in that year.
UPDATE "Decision" SET "periodStart" = CAST("year" AS TEXT) || '-01-01' WHERE "year" IS NOT NULL;

-- CreateTable
CREATE TABLE "CommitteeTerm" (
    "id" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "congress" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommitteeTerm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CommitteeTerm_startsOn_key" ON "CommitteeTerm"("startsOn");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_register_periodStart_sequence_key" ON "Decision"("register", "periodStart", "sequence");
