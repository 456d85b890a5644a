-- CreateTable
CREATE TABLE "CommuneComment" (
    "id" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "programmeId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "policyVersion" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "missedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3),
    "submittedById" TEXT,
    "level" TEXT,
    "criteria" JSONB,
    "overall" TEXT,
    "requestsAnotherMonitor" BOOLEAN NOT NULL DEFAULT false,
    "anotherMonitorReason" TEXT,
    "exemptionReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommuneComment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommuneComment_areaId_year_idx" ON "CommuneComment"("areaId", "year");

-- CreateIndex
CREATE INDEX "CommuneComment_memberId_year_idx" ON "CommuneComment"("memberId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "CommuneComment_linkId_year_key" ON "CommuneComment"("linkId", "year");
