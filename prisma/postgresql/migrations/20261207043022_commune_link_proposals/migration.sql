-- CreateTable
CREATE TABLE "CommuneLinkProposal" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "endsLinkId" TEXT,
    "ground" TEXT,
    "groundCommentId" TEXT,
    "reason" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "status" "ApprovalStatus" NOT NULL DEFAULT 'PENDING',
    "proposedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionComment" TEXT,
    "decisionId" TEXT,
    "linkId" TEXT,

    CONSTRAINT "CommuneLinkProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StandingCommitteeDecision" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "register" TEXT NOT NULL,
    "periodStart" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "issuedOn" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "signerUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StandingCommitteeDecision_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "CommuneLinkProposal" ADD CONSTRAINT "CommuneLinkProposal_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "StandingCommitteeDecision"("id") ON DELETE SET NULL ON UPDATE CASCADE;
