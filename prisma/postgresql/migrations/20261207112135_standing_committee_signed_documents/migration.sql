-- CreateTable
CREATE TABLE "StandingCommitteeSignedDocument" (
    "decisionId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "signingTime" TIMESTAMP(3) NOT NULL,
    "certificateSerial" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StandingCommitteeSignedDocument_pkey" PRIMARY KEY ("decisionId")
);

-- AddForeignKey
ALTER TABLE "StandingCommitteeSignedDocument" ADD CONSTRAINT "StandingCommitteeSignedDocument_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "StandingCommitteeDecision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
