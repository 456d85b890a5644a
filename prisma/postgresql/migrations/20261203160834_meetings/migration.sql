-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "DeadlineSubject" ADD VALUE 'MEETING_APPROVAL';
ALTER TYPE "DeadlineSubject" ADD VALUE 'MEETING_REPORT';

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "groupId" TEXT,
    "body" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL,
    "agenda" TEXT NOT NULL,
    "invitedId" TEXT NOT NULL,
    "attendeeId" TEXT NOT NULL,
    "onBehalfOfGroupLeader" BOOLEAN NOT NULL DEFAULT false,
    "additionalMemberIds" TEXT NOT NULL DEFAULT '[]',
    "state" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "requestedAt" TIMESTAMP(3),
    "approved" BOOLEAN,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "attendedWithoutApproval" BOOLEAN NOT NULL DEFAULT false,
    "reportDueAt" TIMESTAMP(3),
    "cancelledById" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingMove" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "fromStartsAt" TIMESTAMP(3) NOT NULL,
    "toStartsAt" TIMESTAMP(3) NOT NULL,
    "fromPlace" TEXT NOT NULL,
    "toPlace" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "movedById" TEXT NOT NULL,
    "movedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingMove_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingDocument" (
    "meetingId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingDocument_pkey" PRIMARY KEY ("meetingId")
);

-- CreateTable
CREATE TABLE "MeetingReport" (
    "meetingId" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    "remarks" TEXT NOT NULL,
    "mattersForLeadership" TEXT NOT NULL,
    "personnelNotes" TEXT,
    "filedById" TEXT NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "withoutApproval" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "MeetingReport_pkey" PRIMARY KEY ("meetingId")
);

-- CreateTable
CREATE TABLE "GroupSession" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "heldOn" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "presentIds" TEXT NOT NULL,
    "matters" TEXT NOT NULL,
    "conclusions" TEXT NOT NULL,
    "tasks" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GroupSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupQuarterFlag" (
    "groupId" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "leaderId" TEXT,
    "flaggedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GroupQuarterFlag_pkey" PRIMARY KEY ("groupId","quarter")
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

-- AddForeignKey
ALTER TABLE "MeetingMove" ADD CONSTRAINT "MeetingMove_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingDocument" ADD CONSTRAINT "MeetingDocument_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingReport" ADD CONSTRAINT "MeetingReport_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
