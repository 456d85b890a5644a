-- CreateTable
CREATE TABLE "AreaClaim" (
    "assignmentId" TEXT NOT NULL PRIMARY KEY,
    "areaId" TEXT NOT NULL,
    "officialId" TEXT NOT NULL,
    "groupId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "AreaClaim_areaId_officialId_key" ON "AreaClaim"("areaId", "officialId");
