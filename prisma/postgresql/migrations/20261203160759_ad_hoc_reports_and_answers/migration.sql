-- CreateEnum
CREATE TYPE "ReportUrgency" AS ENUM ('NORMAL', 'URGENT', 'VERY_URGENT', 'FLASH');

-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('MONTHLY', 'AD_HOC');

-- CreateEnum
CREATE TYPE "ReportAnswerKind" AS ENUM ('COMMENT', 'TASK');

-- CreateTable
CREATE TABLE "AdHocReport" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "urgency" "ReportUrgency" NOT NULL,
    "sensitive" BOOLEAN NOT NULL DEFAULT false,
    "situation" TEXT NOT NULL,
    "results" TEXT NOT NULL,
    "difficulties" TEXT,
    "proposals" TEXT,
    "filedById" TEXT NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "recipientId" TEXT,

    CONSTRAINT "AdHocReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportAcknowledgement" (
    "reportId" TEXT NOT NULL,
    "reportKind" "ReportKind" NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "acknowledgedById" TEXT NOT NULL,
    "acknowledgedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportAcknowledgement_pkey" PRIMARY KEY ("reportId","acknowledgedById")
);

-- CreateTable
CREATE TABLE "ReportAnswer" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "reportKind" "ReportKind" NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "kind" "ReportAnswerKind" NOT NULL,
    "text" TEXT NOT NULL,
    "dueOn" TIMESTAMP(3),
    "answeredById" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AdHocReport_assignmentId_filedAt_idx" ON "AdHocReport"("assignmentId", "filedAt");

-- CreateIndex
CREATE INDEX "AdHocReport_period_idx" ON "AdHocReport"("period");

-- CreateIndex
CREATE INDEX "ReportAnswer_reportId_idx" ON "ReportAnswer"("reportId");

-- AddForeignKey
ALTER TABLE "AdHocReport" ADD CONSTRAINT "AdHocReport_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
