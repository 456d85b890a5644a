-- CreateEnum
CREATE TYPE "OfficialPosition" AS ENUM ('HEAD_OF_BOARD', 'DEPUTY_HEAD', 'DEPARTMENT_HEAD', 'DEPUTY_DEPARTMENT_HEAD', 'SPECIALIST');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMINISTRATOR', 'BOARD_LEADER', 'HEAD_OF_BOARD', 'DEPARTMENT_HEAD', 'GROUP_LEADER', 'OFFICIAL', 'AREA_COMMITTEE', 'AUDITOR');

-- CreateEnum
CREATE TYPE "AreaKind" AS ENUM ('DISTRICT', 'TOWN', 'CITY', 'PROVINCIAL_AGENCY', 'FRONT_OR_UNION', 'DIRECT_PARTY_COMMITTEE', 'CENTRAL_AGENCY', 'COMMUNE', 'WARD', 'COMMUNE_TOWN');

-- CreateEnum
CREATE TYPE "DecisionKind" AS ENUM ('APPOINTMENT', 'ROTATION', 'EARLY_REASSIGNMENT', 'CLOSURE', 'RATING', 'COMPLAINT_OUTCOME');

-- CreateEnum
CREATE TYPE "ClosureReason" AS ENUM ('ROTATED', 'REASSIGNED_EARLY', 'POSITION_CHANGED', 'RETIRED', 'REVOKED', 'REJECTED');

-- CreateEnum
CREATE TYPE "DeadlineSubject" AS ENUM ('MONTHLY_PLAN', 'MONTHLY_REPORT', 'AREA_EVALUATION', 'COMPLAINT_VERIFICATION', 'ROTATION_DECISION');

-- CreateEnum
CREATE TYPE "DeadlineStatus" AS ENUM ('OPEN', 'MET', 'MISSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "EscalationTarget" AS ENUM ('GROUP_LEADER', 'LEADER_IN_CHARGE', 'HEAD_OF_BOARD');

-- CreateEnum
CREATE TYPE "Rating" AS ENUM ('EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED');

-- CreateEnum
CREATE TYPE "ComplaintOutcome" AS ENUM ('WELL_FOUNDED', 'UNFOUNDED');

-- CreateEnum
CREATE TYPE "ApprovalKind" AS ENUM ('APPOINTMENT', 'ROTATION', 'EARLY_REASSIGNMENT', 'CLOSURE', 'MEETING_ATTENDANCE');

-- CreateEnum
CREATE TYPE "ApprovalStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "Department" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Official" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "position" "OfficialPosition" NOT NULL,
    "departmentId" TEXT,
    "email" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Official_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "officialId" TEXT,
    "areaId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserRole" (
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,

    CONSTRAINT "UserRole_pkey" PRIMARY KEY ("userId","role")
);

-- CreateTable
CREATE TABLE "Area" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AreaKind" NOT NULL,
    "parentId" TEXT,
    "leaderInChargeId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Area_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitoringGroup" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MonitoringGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupMembership" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "officialId" TEXT NOT NULL,
    "isLeader" BOOLEAN NOT NULL DEFAULT false,
    "since" TIMESTAMP(3) NOT NULL,
    "until" TIMESTAMP(3),

    CONSTRAINT "GroupMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "issuedOn" TIMESTAMP(3) NOT NULL,
    "kind" "DecisionKind" NOT NULL,
    "summary" TEXT NOT NULL,
    "signerId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "officialId" TEXT NOT NULL,
    "groupId" TEXT,
    "state" TEXT NOT NULL,
    "proposedById" TEXT NOT NULL,
    "approvedById" TEXT,
    "decisionId" TEXT,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "rotationEligibleAt" TIMESTAMP(3) NOT NULL,
    "rotationDueAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "closureReason" "ClosureReason",
    "predecessorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonthlyPlan" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "plannedFor" TIMESTAMP(3),
    "place" TEXT,
    "filedById" TEXT NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "MonthlyPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonthlyReport" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "situation" TEXT NOT NULL,
    "results" TEXT NOT NULL,
    "difficulties" TEXT,
    "proposals" TEXT,
    "filedById" TEXT NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "MonthlyReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "subject" "DeadlineSubject" NOT NULL,
    "reference" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "DeadlineStatus" NOT NULL DEFAULT 'OPEN',
    "remindedAt" TIMESTAMP(3),
    "metAt" TIMESTAMP(3),
    "missedAt" TIMESTAMP(3),
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Deadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" TEXT NOT NULL,
    "deadlineId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "target" "EscalationTarget" NOT NULL,
    "recipientId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnualEvaluation" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3),
    "submittedById" TEXT,
    "responsibility" TEXT,
    "method" TEXT,
    "coordination" TEXT,
    "contributions" TEXT,
    "shortcomings" TEXT,
    "proposesReplacement" BOOLEAN NOT NULL DEFAULT false,
    "proposedRating" "Rating",
    "proposalNotes" TEXT,
    "proposedById" TEXT,
    "rating" "Rating",
    "ratedById" TEXT,
    "ratedAt" TIMESTAMP(3),

    CONSTRAINT "AnnualEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "officialId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "filedById" TEXT NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "verificationDueAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintVerification" (
    "id" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "outcome" "ComplaintOutcome" NOT NULL,
    "findings" TEXT NOT NULL,
    "verifiedById" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComplaintVerification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalRequest" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "kind" "ApprovalKind" NOT NULL,
    "status" "ApprovalStatus" NOT NULL DEFAULT 'PENDING',
    "proposedById" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalDecision" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "outcome" "ApprovalStatus" NOT NULL,
    "decidedById" TEXT NOT NULL,
    "comment" TEXT,
    "decisionId" TEXT,
    "decidedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReservedOpinion" (
    "id" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReservedOpinion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" SERIAL NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "assignmentId" TEXT,
    "fromState" TEXT,
    "toState" TEXT,
    "decisionNumber" TEXT,
    "payload" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "recipientId" TEXT,
    "recipientRole" "Role",
    "template" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NonWorkingDay" (
    "date" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "NonWorkingDay_pkey" PRIMARY KEY ("date")
);

-- CreateIndex
CREATE UNIQUE INDEX "Department_code_key" ON "Department"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Official_code_key" ON "Official"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Official_email_key" ON "Official"("email");

-- CreateIndex
CREATE INDEX "Official_departmentId_idx" ON "Official"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "User_officialId_key" ON "User"("officialId");

-- CreateIndex
CREATE INDEX "User_areaId_idx" ON "User"("areaId");

-- CreateIndex
CREATE INDEX "UserRole_role_idx" ON "UserRole"("role");

-- CreateIndex
CREATE UNIQUE INDEX "Area_code_key" ON "Area"("code");

-- CreateIndex
CREATE INDEX "Area_kind_idx" ON "Area"("kind");

-- CreateIndex
CREATE INDEX "Area_leaderInChargeId_idx" ON "Area"("leaderInChargeId");

-- CreateIndex
CREATE INDEX "GroupMembership_officialId_idx" ON "GroupMembership"("officialId");

-- CreateIndex
CREATE UNIQUE INDEX "GroupMembership_groupId_officialId_since_key" ON "GroupMembership"("groupId", "officialId", "since");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_number_key" ON "Decision"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_workflowId_key" ON "Assignment"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_predecessorId_key" ON "Assignment"("predecessorId");

-- CreateIndex
CREATE INDEX "Assignment_areaId_state_idx" ON "Assignment"("areaId", "state");

-- CreateIndex
CREATE INDEX "Assignment_officialId_state_idx" ON "Assignment"("officialId", "state");

-- CreateIndex
CREATE INDEX "Assignment_state_rotationDueAt_idx" ON "Assignment"("state", "rotationDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "MonthlyPlan_assignmentId_period_key" ON "MonthlyPlan"("assignmentId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "MonthlyReport_assignmentId_period_key" ON "MonthlyReport"("assignmentId", "period");

-- CreateIndex
CREATE INDEX "Deadline_status_dueAt_idx" ON "Deadline"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Deadline_assignmentId_subject_reference_key" ON "Deadline"("assignmentId", "subject", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_deadlineId_level_key" ON "Escalation"("deadlineId", "level");

-- CreateIndex
CREATE INDEX "AnnualEvaluation_state_idx" ON "AnnualEvaluation"("state");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualEvaluation_assignmentId_year_key" ON "AnnualEvaluation"("assignmentId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_workflowId_key" ON "Complaint"("workflowId");

-- CreateIndex
CREATE INDEX "Complaint_state_idx" ON "Complaint"("state");

-- CreateIndex
CREATE INDEX "Complaint_assignmentId_idx" ON "Complaint"("assignmentId");

-- CreateIndex
CREATE UNIQUE INDEX "ComplaintVerification_complaintId_key" ON "ComplaintVerification"("complaintId");

-- CreateIndex
CREATE INDEX "ApprovalRequest_status_kind_idx" ON "ApprovalRequest"("status", "kind");

-- CreateIndex
CREATE INDEX "ApprovalRequest_assignmentId_idx" ON "ApprovalRequest"("assignmentId");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalDecision_requestId_key" ON "ApprovalDecision"("requestId");

-- CreateIndex
CREATE INDEX "ReservedOpinion_subjectType_subjectId_idx" ON "ReservedOpinion"("subjectType", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_idempotencyKey_key" ON "AuditEvent"("idempotencyKey");

-- CreateIndex
CREATE INDEX "AuditEvent_assignmentId_seq_idx" ON "AuditEvent"("assignmentId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_action_idx" ON "AuditEvent"("action");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_idempotencyKey_key" ON "OutboxMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_deliveredAt_idx" ON "OutboxMessage"("deliveredAt");

-- AddForeignKey
ALTER TABLE "Official" ADD CONSTRAINT "Official_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserRole" ADD CONSTRAINT "UserRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Area" ADD CONSTRAINT "Area_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Area" ADD CONSTRAINT "Area_leaderInChargeId_fkey" FOREIGN KEY ("leaderInChargeId") REFERENCES "Official"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMembership" ADD CONSTRAINT "GroupMembership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "MonitoringGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMembership" ADD CONSTRAINT "GroupMembership_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "Official"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "MonitoringGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "Assignment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonthlyPlan" ADD CONSTRAINT "MonthlyPlan_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonthlyReport" ADD CONSTRAINT "MonthlyReport_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deadline" ADD CONSTRAINT "Deadline_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualEvaluation" ADD CONSTRAINT "AnnualEvaluation_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintVerification" ADD CONSTRAINT "ComplaintVerification_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalDecision" ADD CONSTRAINT "ApprovalDecision_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ApprovalRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalDecision" ADD CONSTRAINT "ApprovalDecision_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;
