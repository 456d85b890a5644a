-- CreateTable
CREATE TABLE "CommuneFiling" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "linkId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "policyVersion" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "remindedAt" DATETIME,
    "missedAt" DATETIME,
    "filedAt" DATETIME,
    "filedById" TEXT,
    "content" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommuneFiling_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "AgencyLeaderArea" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CommuneFiling_linkId_kind_period_key" ON "CommuneFiling"("linkId", "kind", "period");
