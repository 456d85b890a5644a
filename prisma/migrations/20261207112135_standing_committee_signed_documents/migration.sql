-- CreateTable
CREATE TABLE "StandingCommitteeSignedDocument" (
    "decisionId" TEXT NOT NULL PRIMARY KEY,
    "fileName" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "sha256" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "signingTime" DATETIME NOT NULL,
    "certificateSerial" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "uploadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StandingCommitteeSignedDocument_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "StandingCommitteeDecision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
