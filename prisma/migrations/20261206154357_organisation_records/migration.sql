-- AlterTable
ALTER TABLE "Official" ADD COLUMN "activeFrom" DATETIME;
ALTER TABLE "Official" ADD COLUMN "activeUntil" DATETIME;

-- CreateTable
CREATE TABLE "OfficialPost" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "officialId" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "departmentId" TEXT,
    "from" DATETIME,
    "until" DATETIME,
    CONSTRAINT "OfficialPost_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "OfficialPost_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LeaderInCharge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "officialId" TEXT NOT NULL,
    "areaId" TEXT,
    "departmentId" TEXT,
    "from" DATETIME,
    "until" DATETIME,
    CONSTRAINT "LeaderInCharge_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "LeaderInCharge_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LeaderInCharge_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OfficialPost_officialId_from_idx" ON "OfficialPost"("officialId", "from");

-- CreateIndex
CREATE INDEX "LeaderInCharge_areaId_from_idx" ON "LeaderInCharge"("areaId", "from");

-- CreateIndex
CREATE INDEX "LeaderInCharge_departmentId_from_idx" ON "LeaderInCharge"("departmentId", "from");

-- CreateIndex
CREATE INDEX "LeaderInCharge_officialId_idx" ON "LeaderInCharge"("officialId");
