-- DropIndex
DROP INDEX "Decision_number_key";

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN "heldByAssignmentId" TEXT;
ALTER TABLE "Decision" ADD COLUMN "register" TEXT;
ALTER TABLE "Decision" ADD COLUMN "reservedAt" DATETIME;
ALTER TABLE "Decision" ADD COLUMN "sequence" INTEGER;
ALTER TABLE "Decision" ADD COLUMN "year" INTEGER;

-- CreateIndex
CREATE INDEX "Decision_number_idx" ON "Decision"("number");

-- CreateIndex
CREATE INDEX "Decision_year_register_idx" ON "Decision"("year", "register");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_register_year_sequence_key" ON "Decision"("register", "year", "sequence");
