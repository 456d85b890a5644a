-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workflowId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "groupId" TEXT,
    "body" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "place" TEXT NOT NULL,
    "agenda" TEXT NOT NULL,
    "invitedId" TEXT NOT NULL,
    "attendeeId" TEXT NOT NULL,
    "onBehalfOfGroupLeader" BOOLEAN NOT NULL DEFAULT false,
    "additionalMemberIds" TEXT NOT NULL DEFAULT '[]',
    "state" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    "requestedAt" DATETIME,
    "approved" BOOLEAN,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "decisionNote" TEXT,
    "attendedWithoutApproval" BOOLEAN NOT NULL DEFAULT false,
    "reportDueAt" DATETIME,
    "cancelledById" TEXT,
    "cancelledAt" DATETIME,
    "cancelReason" TEXT
);

-- CreateTable
CREATE TABLE "MeetingMove" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "fromStartsAt" DATETIME NOT NULL,
    "toStartsAt" DATETIME NOT NULL,
    "fromPlace" TEXT NOT NULL,
    "toPlace" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "movedById" TEXT NOT NULL,
    "movedAt" DATETIME NOT NULL,
    CONSTRAINT "MeetingMove_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingDocument" (
    "meetingId" TEXT NOT NULL PRIMARY KEY,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "uploadedAt" DATETIME NOT NULL,
    CONSTRAINT "MeetingDocument_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingReport" (
    "meetingId" TEXT NOT NULL PRIMARY KEY,
    "notes" TEXT NOT NULL,
    "remarks" TEXT NOT NULL,
    "mattersForLeadership" TEXT NOT NULL,
    "personnelNotes" TEXT,
    "filedById" TEXT NOT NULL,
    "filedAt" DATETIME NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "withoutApproval" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "MeetingReport_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "heldOn" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "presentIds" TEXT NOT NULL,
    "matters" TEXT NOT NULL,
    "conclusions" TEXT NOT NULL,
    "tasks" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "GroupQuarterFlag" (
    "groupId" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "leaderId" TEXT,
    "flaggedAt" DATETIME NOT NULL,

    PRIMARY KEY ("groupId", "quarter")
);

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_workflowId_key" ON "Meeting"("workflowId");

-- CreateIndex
CREATE INDEX "Meeting_assignmentId_idx" ON "Meeting"("assignmentId");

-- CreateIndex
CREATE INDEX "Meeting_areaId_startsAt_idx" ON "Meeting"("areaId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_attendeeId_startsAt_idx" ON "Meeting"("attendeeId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_state_idx" ON "Meeting"("state");

-- CreateIndex
CREATE INDEX "MeetingMove_meetingId_idx" ON "MeetingMove"("meetingId");

-- CreateIndex
CREATE INDEX "GroupSession_groupId_quarter_idx" ON "GroupSession"("groupId", "quarter");
