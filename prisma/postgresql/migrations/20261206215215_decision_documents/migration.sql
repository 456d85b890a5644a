-- CreateEnum
CREATE TYPE "DocumentFormat" AS ENUM ('DOCX', 'PDF');

-- CreateTable
CREATE TABLE "DecisionDocument" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "format" "DocumentFormat" NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DecisionDocument_decisionId_format_key" ON "DecisionDocument"("decisionId", "format");

-- AddForeignKey
ALTER TABLE "DecisionDocument" ADD CONSTRAINT "DecisionDocument_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
