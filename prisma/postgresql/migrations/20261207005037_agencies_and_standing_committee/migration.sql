-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "Role" ADD VALUE 'AGENCY_LEADER';
ALTER TYPE "Role" ADD VALUE 'AGENCY_HEAD';
ALTER TYPE "Role" ADD VALUE 'STANDING_COMMITTEE_MEMBER';

-- CreateTable
CREATE TABLE "Agency" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "areaId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgencyMember" (
    "id" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "isHead" BOOLEAN NOT NULL DEFAULT false,
    "from" TEXT NOT NULL,
    "until" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgencyMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgencyLeaderArea" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "until" TEXT,
    "decisionNumber" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgencyLeaderArea_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Agency_code_key" ON "Agency"("code");

-- CreateIndex
CREATE INDEX "AgencyMember_userId_idx" ON "AgencyMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "AgencyMember_agencyId_userId_from_key" ON "AgencyMember"("agencyId", "userId", "from");

-- CreateIndex
CREATE INDEX "AgencyLeaderArea_areaId_idx" ON "AgencyLeaderArea"("areaId");

-- CreateIndex
CREATE INDEX "AgencyLeaderArea_programmeId_idx" ON "AgencyLeaderArea"("programmeId");

-- CreateIndex
CREATE UNIQUE INDEX "AgencyLeaderArea_memberId_areaId_from_key" ON "AgencyLeaderArea"("memberId", "areaId", "from");

-- AddForeignKey
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgencyMember" ADD CONSTRAINT "AgencyMember_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgencyMember" ADD CONSTRAINT "AgencyMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgencyLeaderArea" ADD CONSTRAINT "AgencyLeaderArea_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgencyLeaderArea" ADD CONSTRAINT "AgencyLeaderArea_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "AgencyMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgencyLeaderArea" ADD CONSTRAINT "AgencyLeaderArea_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
