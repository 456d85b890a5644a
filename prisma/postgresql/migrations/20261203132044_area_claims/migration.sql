-- CreateTable
CREATE TABLE "AreaClaim" (
    "assignmentId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "officialId" TEXT NOT NULL,
    "groupId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AreaClaim_pkey" PRIMARY KEY ("assignmentId")
);

-- CreateIndex
CREATE UNIQUE INDEX "AreaClaim_areaId_officialId_key" ON "AreaClaim"("areaId", "officialId");
