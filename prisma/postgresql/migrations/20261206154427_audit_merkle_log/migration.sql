-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "leafHash" TEXT,
ADD COLUMN     "leafIndex" INTEGER,
ADD COLUMN     "treeFrontier" TEXT;

-- CreateTable
CREATE TABLE "AuditWitnessState" (
    "url" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "error" TEXT,
    "conflict" TEXT,

    CONSTRAINT "AuditWitnessState_pkey" PRIMARY KEY ("url")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_leafIndex_key" ON "AuditEvent"("leafIndex");
