-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "leafHash" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "leafIndex" INTEGER;
ALTER TABLE "AuditEvent" ADD COLUMN "treeFrontier" TEXT;

-- CreateTable
CREATE TABLE "AuditWitnessState" (
    "url" TEXT NOT NULL PRIMARY KEY,
    "size" INTEGER NOT NULL,
    "checkedAt" DATETIME NOT NULL,
    "error" TEXT,
    "conflict" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_leafIndex_key" ON "AuditEvent"("leafIndex");
