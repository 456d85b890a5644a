-- CreateTable
CREATE TABLE "SignedDecisionDocument" (
    "decisionId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "signingTime" TIMESTAMP(3) NOT NULL,
    "certificateSerial" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignedDecisionDocument_pkey" PRIMARY KEY ("decisionId")
);

-- AddForeignKey
ALTER TABLE "SignedDecisionDocument" ADD CONSTRAINT "SignedDecisionDocument_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
