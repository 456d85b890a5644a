-- CreateEnum
CREATE TYPE "AreaLevel" AS ENUM ('PROVINCE', 'COMMUNE');

-- CreateEnum
CREATE TYPE "ReorganizationKind" AS ENUM ('MERGE', 'SPLIT', 'RENAME', 'DISSOLVE', 'NEW_UNIT');

-- CreateEnum
CREATE TYPE "ReorganizationSide" AS ENUM ('PREDECESSOR', 'SUCCESSOR');

-- AlterEnum
ALTER TYPE "ApprovalKind" ADD VALUE 'AREA_SUCCESSOR';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AreaKind" ADD VALUE 'PROVINCE';
ALTER TYPE "AreaKind" ADD VALUE 'SPECIAL_ZONE';

-- DropForeignKey
ALTER TABLE "ApprovalRequest" DROP CONSTRAINT "ApprovalRequest_assignmentId_fkey";

-- AlterTable
ALTER TABLE "ApprovalRequest" ADD COLUMN     "areaId" TEXT,
ALTER COLUMN "assignmentId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Area" ADD COLUMN     "level" "AreaLevel",
ADD COLUMN     "officialCode" TEXT,
ADD COLUMN     "validFrom" TIMESTAMP(3),
ADD COLUMN     "validUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AreaName" (
    "id" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "validFrom" TIMESTAMP(3),
    "validUntil" TIMESTAMP(3),

    CONSTRAINT "AreaName_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reorganization" (
    "id" TEXT NOT NULL,
    "kind" "ReorganizationKind" NOT NULL,
    "legalBasisNumber" TEXT NOT NULL,
    "legalBasisDate" TIMESTAMP(3) NOT NULL,
    "effectiveOn" TIMESTAMP(3) NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reorganization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReorganizationArea" (
    "id" TEXT NOT NULL,
    "reorganizationId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "side" "ReorganizationSide" NOT NULL,
    "ceases" BOOLEAN NOT NULL DEFAULT false,
    "whole" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "ReorganizationArea_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "AreaName" ADD CONSTRAINT "AreaName_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReorganizationArea" ADD CONSTRAINT "ReorganizationArea_reorganizationId_fkey" FOREIGN KEY ("reorganizationId") REFERENCES "Reorganization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReorganizationArea" ADD CONSTRAINT "ReorganizationArea_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE SET NULL ON UPDATE CASCADE;
