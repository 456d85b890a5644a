-- CreateTable
CREATE TABLE "Department" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Official" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "departmentId" TEXT,
    "email" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Official_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "officialId" TEXT,
    "areaId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "User_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UserRole" (
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    PRIMARY KEY ("userId", "role"),
    CONSTRAINT "UserRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Area" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parentId" TEXT,
    "leaderInChargeId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Area_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Area_leaderInChargeId_fkey" FOREIGN KEY ("leaderInChargeId") REFERENCES "Official" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MonitoringGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "GroupMembership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "officialId" TEXT NOT NULL,
    "isLeader" BOOLEAN NOT NULL DEFAULT false,
    "since" DATETIME NOT NULL,
    "until" DATETIME,
    CONSTRAINT "GroupMembership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "MonitoringGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GroupMembership_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "issuedOn" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "signerId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Decision_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "Official" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workflowId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "officialId" TEXT NOT NULL,
    "groupId" TEXT,
    "state" TEXT NOT NULL,
    "proposedById" TEXT NOT NULL,
    "approvedById" TEXT,
    "decisionId" TEXT,
    "effectiveFrom" DATETIME NOT NULL,
    "rotationEligibleAt" DATETIME NOT NULL,
    "rotationDueAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "closureReason" TEXT,
    "predecessorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Assignment_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assignment_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assignment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "MonitoringGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Assignment_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Assignment_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "Assignment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MonthlyPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "plannedFor" DATETIME,
    "place" TEXT,
    "filedById" TEXT NOT NULL,
    "filedAt" DATETIME NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "MonthlyPlan_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MonthlyReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "situation" TEXT NOT NULL,
    "results" TEXT NOT NULL,
    "difficulties" TEXT,
    "proposals" TEXT,
    "filedById" TEXT NOT NULL,
    "filedAt" DATETIME NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "MonthlyReport_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "remindedAt" DATETIME,
    "metAt" DATETIME,
    "missedAt" DATETIME,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Deadline_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deadlineId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "target" TEXT NOT NULL,
    "recipientId" TEXT,
    "at" DATETIME NOT NULL,
    CONSTRAINT "Escalation_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnnualEvaluation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "receivedAt" DATETIME,
    "submittedById" TEXT,
    "responsibility" TEXT,
    "method" TEXT,
    "coordination" TEXT,
    "contributions" TEXT,
    "shortcomings" TEXT,
    "proposesReplacement" BOOLEAN NOT NULL DEFAULT false,
    "proposedRating" TEXT,
    "proposalNotes" TEXT,
    "proposedById" TEXT,
    "rating" TEXT,
    "ratedById" TEXT,
    "ratedAt" DATETIME,
    CONSTRAINT "AnnualEvaluation_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workflowId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "officialId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "filedById" TEXT NOT NULL,
    "filedAt" DATETIME NOT NULL,
    "verificationDueAt" DATETIME NOT NULL,
    CONSTRAINT "Complaint_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Complaint_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ComplaintVerification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "complaintId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "findings" TEXT NOT NULL,
    "verifiedById" TEXT NOT NULL,
    "verifiedAt" DATETIME NOT NULL,
    CONSTRAINT "ComplaintVerification_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApprovalRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "proposedById" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ApprovalRequest_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApprovalDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "decidedById" TEXT NOT NULL,
    "comment" TEXT,
    "decisionId" TEXT,
    "decidedAt" DATETIME NOT NULL,
    CONSTRAINT "ApprovalDecision_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ApprovalRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ApprovalDecision_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReservedOpinion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "authorId" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idempotencyKey" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
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
    "hash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "idempotencyKey" TEXT NOT NULL,
    "recipientId" TEXT,
    "recipientRole" TEXT,
    "template" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "deliveredAt" DATETIME
);

-- CreateTable
CREATE TABLE "NonWorkingDay" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "reason" TEXT NOT NULL
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
