-- CreateTable
CREATE TABLE "StandingCommitteeDecisionDocument" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "format" "DocumentFormat" NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StandingCommitteeDecisionDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StandingCommitteeDecisionDocument_decisionId_format_key" ON "StandingCommitteeDecisionDocument"("decisionId", "format");

-- AddForeignKey
ALTER TABLE "StandingCommitteeDecisionDocument" ADD CONSTRAINT "StandingCommitteeDecisionDocument_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "StandingCommitteeDecision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
