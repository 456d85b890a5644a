-- CreateTable
CREATE TABLE "CommuneFiling" (
    "id" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "policyVersion" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "remindedAt" TIMESTAMP(3),
    "missedAt" TIMESTAMP(3),
    "filedAt" TIMESTAMP(3),
    "filedById" TEXT,
    "content" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommuneFiling_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CommuneFiling_linkId_kind_period_key" ON "CommuneFiling"("linkId", "kind", "period");

-- AddForeignKey
ALTER TABLE "CommuneFiling" ADD CONSTRAINT "CommuneFiling_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "AgencyLeaderArea"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
