-- AlterTable
ALTER TABLE "Official" ADD COLUMN     "activeFrom" TIMESTAMP(3),
ADD COLUMN     "activeUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "OfficialPost" (
    "id" TEXT NOT NULL,
    "officialId" TEXT NOT NULL,
    "position" "OfficialPosition" NOT NULL,
    "departmentId" TEXT,
    "from" TIMESTAMP(3),
    "until" TIMESTAMP(3),

    CONSTRAINT "OfficialPost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeaderInCharge" (
    "id" TEXT NOT NULL,
    "officialId" TEXT NOT NULL,
    "areaId" TEXT,
    "departmentId" TEXT,
    "from" TIMESTAMP(3),
    "until" TIMESTAMP(3),

    CONSTRAINT "LeaderInCharge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OfficialPost_officialId_from_idx" ON "OfficialPost"("officialId", "from");

-- CreateIndex
CREATE INDEX "LeaderInCharge_areaId_from_idx" ON "LeaderInCharge"("areaId", "from");

-- CreateIndex
CREATE INDEX "LeaderInCharge_departmentId_from_idx" ON "LeaderInCharge"("departmentId", "from");

-- CreateIndex
CREATE INDEX "LeaderInCharge_officialId_idx" ON "LeaderInCharge"("officialId");

-- AddForeignKey
ALTER TABLE "OfficialPost" ADD CONSTRAINT "OfficialPost_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficialPost" ADD CONSTRAINT "OfficialPost_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaderInCharge" ADD CONSTRAINT "LeaderInCharge_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaderInCharge" ADD CONSTRAINT "LeaderInCharge_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaderInCharge" ADD CONSTRAINT "LeaderInCharge_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;
