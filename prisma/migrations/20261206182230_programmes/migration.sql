-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "decidedBy" TEXT NOT NULL,
    "monitoredBy" TEXT NOT NULL,
    "areaKinds" JSONB NOT NULL,
    "cadenceKind" TEXT NOT NULL,
    "evaluationForm" TEXT NOT NULL,
    "termRule" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ProgrammeVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "effectiveFrom" TEXT NOT NULL,
    "note" TEXT,
    "publishedById" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProgrammeVersion_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- The Board own programme, to which every assignment so far belongs, with the rules it ran on as its first version.
INSERT INTO "Programme" ("id", "code", "name", "legalBasis", "decidedBy", "monitoredBy", "areaKinds", "cadenceKind", "evaluationForm", "termRule")
VALUES ('programme-quy-che-nhom', 'QUY_CHE_NHOM', 'Quy chế nhóm công chức theo dõi địa bàn', 'Quy chế công tác đối với nhóm công chức theo dõi địa bàn của Ban Tổ chức Tỉnh ủy', 'BOARD_LEADERSHIP', 'BOARD_OFFICIALS_IN_GROUPS', '["DISTRICT", "TOWN", "CITY", "PROVINCIAL_AGENCY", "FRONT_OR_UNION", "DIRECT_PARTY_COMMITTEE", "CENTRAL_AGENCY"]', 'MONTHLY_PLAN_AND_REPORT', 'AREA_EVALUATION', 'ROTATION');
INSERT INTO "ProgrammeVersion" ("id", "programmeId", "label", "policy", "effectiveFrom", "note", "publishedById")
VALUES ('programme-quy-che-nhom-2026.4', 'programme-quy-che-nhom', '2026.4', '{"version":"2026.4","rotation":{"eligibleAfterYears":3,"mandatoryAfterYears":5,"mandatoryEscalationEveryWorkingDays":10},"monthly":{"planDueWorkingDayOfMonth":5,"reportDueWorkingDaysAfterMonthEnd":3,"reminderWorkingDaysBefore":2,"escalateToLeaderInChargeAfterWorkingDays":3,"closeUnfiledAfterWorkingDays":10},"evaluation":{"requestOn":"12-01","dueWorkingDaysAfterRequest":25,"reminderWorkingDaysBefore":5,"escalateToLeaderInChargeAfterWorkingDays":5},"complaint":{"verificationWorkingDays":30,"reminderWorkingDaysBefore":5},"decision":{"effectiveFromEarliest":"FIRST_OF_DECISION_MONTH"},"reports":{"auditorReadsSensitiveContent":false},"meetings":{"approval":{"reminderBefore":{"amount":2,"unit":"WORKING_DAYS"},"escalateBefore":{"amount":4,"unit":"WORKING_HOURS"}},"report":{"dueWorkingDaysAfter":2,"reminderWorkingDaysBefore":1,"escalateAfterWorkingDays":2,"closeUnfiledAfterWorkingDays":10},"groupSessions":{"minimumPerQuarter":1},"fieldTime":{"targetShareOfWorkingDays":0.3333333333333333}}}', '2000-01-01', 'Các quy tắc hệ thống áp dụng trước khi có phiên bản quy chế trong cơ sở dữ liệu', 'system');

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Assignment" (
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
    "programmeId" TEXT NOT NULL DEFAULT 'programme-quy-che-nhom',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Assignment_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assignment_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assignment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "MonitoringGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Assignment_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Assignment_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "Assignment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Assignment_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Assignment" ("approvedById", "areaId", "closedAt", "closureReason", "createdAt", "decisionId", "effectiveFrom", "groupId", "id", "officialId", "predecessorId", "proposedById", "rotationDueAt", "rotationEligibleAt", "state", "updatedAt", "workflowId") SELECT "approvedById", "areaId", "closedAt", "closureReason", "createdAt", "decisionId", "effectiveFrom", "groupId", "id", "officialId", "predecessorId", "proposedById", "rotationDueAt", "rotationEligibleAt", "state", "updatedAt", "workflowId" FROM "Assignment";
DROP TABLE "Assignment";
ALTER TABLE "new_Assignment" RENAME TO "Assignment";
CREATE UNIQUE INDEX "Assignment_workflowId_key" ON "Assignment"("workflowId");
CREATE UNIQUE INDEX "Assignment_predecessorId_key" ON "Assignment"("predecessorId");
CREATE INDEX "Assignment_areaId_state_idx" ON "Assignment"("areaId", "state");
CREATE INDEX "Assignment_officialId_state_idx" ON "Assignment"("officialId", "state");
CREATE INDEX "Assignment_state_rotationDueAt_idx" ON "Assignment"("state", "rotationDueAt");
CREATE INDEX "Assignment_programmeId_idx" ON "Assignment"("programmeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Programme_code_key" ON "Programme"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeVersion_programmeId_label_key" ON "ProgrammeVersion"("programmeId", "label");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeVersion_programmeId_effectiveFrom_key" ON "ProgrammeVersion"("programmeId", "effectiveFrom");
