-- CreateTable
CREATE TABLE "CommuneComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "linkId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "programmeId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "policyVersion" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "remindedAt" DATETIME,
    "missedAt" DATETIME,
    "escalatedAt" DATETIME,
    "closedAt" DATETIME,
    "receivedAt" DATETIME,
    "submittedById" TEXT,
    "level" TEXT,
    "criteria" JSONB,
    "overall" TEXT,
    "requestsAnotherMonitor" BOOLEAN NOT NULL DEFAULT false,
    "anotherMonitorReason" TEXT,
    "exemptionReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "CommuneComment_areaId_year_idx" ON "CommuneComment"("areaId", "year");

-- CreateIndex
CREATE INDEX "CommuneComment_memberId_year_idx" ON "CommuneComment"("memberId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "CommuneComment_linkId_year_key" ON "CommuneComment"("linkId", "year");
