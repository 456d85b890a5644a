-- AlterTable
ALTER TABLE "Area" ADD COLUMN "level" TEXT;
ALTER TABLE "Area" ADD COLUMN "officialCode" TEXT;
ALTER TABLE "Area" ADD COLUMN "validFrom" DATETIME;
ALTER TABLE "Area" ADD COLUMN "validUntil" DATETIME;

-- CreateTable
CREATE TABLE "AreaName" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "areaId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "validFrom" DATETIME,
    "validUntil" DATETIME,
    CONSTRAINT "AreaName_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Reorganization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "legalBasisNumber" TEXT NOT NULL,
    "legalBasisDate" DATETIME NOT NULL,
    "effectiveOn" DATETIME NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReorganizationArea" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reorganizationId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "ceases" BOOLEAN NOT NULL DEFAULT false,
    "whole" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "ReorganizationArea_reorganizationId_fkey" FOREIGN KEY ("reorganizationId") REFERENCES "Reorganization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ReorganizationArea_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApprovalRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT,
    "areaId" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "proposedById" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ApprovalRequest_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ApprovalRequest_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ApprovalRequest" ("assignmentId", "createdAt", "id", "kind", "payload", "proposedById", "reason", "status") SELECT "assignmentId", "createdAt", "id", "kind", "payload", "proposedById", "reason", "status" FROM "ApprovalRequest";
DROP TABLE "ApprovalRequest";
ALTER TABLE "new_ApprovalRequest" RENAME TO "ApprovalRequest";
CREATE INDEX "ApprovalRequest_status_kind_idx" ON "ApprovalRequest"("status", "kind");
CREATE INDEX "ApprovalRequest_assignmentId_idx" ON "ApprovalRequest"("assignmentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AreaName_areaId_idx" ON "AreaName"("areaId");

-- CreateIndex
CREATE INDEX "Reorganization_effectiveOn_idx" ON "Reorganization"("effectiveOn");

-- CreateIndex
CREATE INDEX "ReorganizationArea_areaId_idx" ON "ReorganizationArea"("areaId");

-- CreateIndex
CREATE UNIQUE INDEX "ReorganizationArea_reorganizationId_areaId_side_key" ON "ReorganizationArea"("reorganizationId", "areaId", "side");

-- CreateIndex
CREATE UNIQUE INDEX "Area_officialCode_key" ON "Area"("officialCode");
