-- CreateTable
CREATE TABLE "CommuneLinkProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "endsLinkId" TEXT,
    "ground" TEXT,
    "groundCommentId" TEXT,
    "reason" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "proposedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "decisionComment" TEXT,
    "decisionId" TEXT,
    "linkId" TEXT,
    CONSTRAINT "CommuneLinkProposal_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "StandingCommitteeDecision" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StandingCommitteeDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "register" TEXT NOT NULL,
    "periodStart" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "issuedOn" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "signerUserId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "CommuneLinkProposal_decisionId_key" ON "CommuneLinkProposal"("decisionId");

-- CreateIndex
CREATE UNIQUE INDEX "CommuneLinkProposal_linkId_key" ON "CommuneLinkProposal"("linkId");

-- CreateIndex
CREATE INDEX "CommuneLinkProposal_status_idx" ON "CommuneLinkProposal"("status");

-- CreateIndex
CREATE INDEX "CommuneLinkProposal_areaId_idx" ON "CommuneLinkProposal"("areaId");

-- CreateIndex
CREATE UNIQUE INDEX "StandingCommitteeDecision_register_periodStart_sequence_key" ON "StandingCommitteeDecision"("register", "periodStart", "sequence");
