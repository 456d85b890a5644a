-- CreateTable
CREATE TABLE "AdHocReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "sensitive" BOOLEAN NOT NULL DEFAULT false,
    "situation" TEXT NOT NULL,
    "results" TEXT NOT NULL,
    "difficulties" TEXT,
    "proposals" TEXT,
    "filedById" TEXT NOT NULL,
    "filedAt" DATETIME NOT NULL,
    "recipientId" TEXT,
    CONSTRAINT "AdHocReport_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportAcknowledgement" (
    "reportId" TEXT NOT NULL,
    "reportKind" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "acknowledgedById" TEXT NOT NULL,
    "acknowledgedAt" DATETIME NOT NULL,

    PRIMARY KEY ("reportId", "acknowledgedById")
);

-- CreateTable
CREATE TABLE "ReportAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "reportKind" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "dueOn" DATETIME,
    "answeredById" TEXT NOT NULL,
    "answeredAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "AdHocReport_assignmentId_filedAt_idx" ON "AdHocReport"("assignmentId", "filedAt");

-- CreateIndex
CREATE INDEX "AdHocReport_period_idx" ON "AdHocReport"("period");

-- CreateIndex
CREATE INDEX "ReportAnswer_reportId_idx" ON "ReportAnswer"("reportId");
