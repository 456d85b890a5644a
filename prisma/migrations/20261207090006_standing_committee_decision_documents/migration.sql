-- CreateTable
CREATE TABLE "StandingCommitteeDecisionDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "decisionId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StandingCommitteeDecisionDocument_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "StandingCommitteeDecision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "StandingCommitteeDecisionDocument_decisionId_format_key" ON "StandingCommitteeDecisionDocument"("decisionId", "format");
