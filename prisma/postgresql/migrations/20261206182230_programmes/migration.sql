-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "programmeId" TEXT NOT NULL DEFAULT 'programme-quy-che-nhom';

-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "decidedBy" TEXT NOT NULL,
    "monitoredBy" TEXT NOT NULL,
    "areaKinds" JSONB NOT NULL,
    "cadenceKind" TEXT NOT NULL,
    "evaluationForm" TEXT NOT NULL,
    "termRule" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeVersion" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "effectiveFrom" TEXT NOT NULL,
    "note" TEXT,
    "publishedById" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgrammeVersion_pkey" PRIMARY KEY ("id")
);

-- The Board own programme, to which every assignment so far belongs, with the rules it ran on as its first version.
INSERT INTO "Programme" ("id", "code", "name", "legalBasis", "decidedBy", "monitoredBy", "areaKinds", "cadenceKind", "evaluationForm", "termRule")
VALUES ('programme-quy-che-nhom', 'QUY_CHE_NHOM', 'Quy chế nhóm công chức theo dõi địa bàn', 'Quy chế công tác đối với nhóm công chức theo dõi địa bàn của Ban Tổ chức Tỉnh ủy', 'BOARD_LEADERSHIP', 'BOARD_OFFICIALS_IN_GROUPS', '["DISTRICT", "TOWN", "CITY", "PROVINCIAL_AGENCY", "FRONT_OR_UNION", "DIRECT_PARTY_COMMITTEE", "CENTRAL_AGENCY"]', 'MONTHLY_PLAN_AND_REPORT', 'AREA_EVALUATION', 'ROTATION');
INSERT INTO "ProgrammeVersion" ("id", "programmeId", "label", "policy", "effectiveFrom", "note", "publishedById")
VALUES ('programme-quy-che-nhom-2026.4', 'programme-quy-che-nhom', '2026.4', '{"version":"2026.4","rotation":{"eligibleAfterYears":3,"mandatoryAfterYears":5,"mandatoryEscalationEveryWorkingDays":10},"monthly":{"planDueWorkingDayOfMonth":5,"reportDueWorkingDaysAfterMonthEnd":3,"reminderWorkingDaysBefore":2,"escalateToLeaderInChargeAfterWorkingDays":3,"closeUnfiledAfterWorkingDays":10},"evaluation":{"requestOn":"12-01","dueWorkingDaysAfterRequest":25,"reminderWorkingDaysBefore":5,"escalateToLeaderInChargeAfterWorkingDays":5},"complaint":{"verificationWorkingDays":30,"reminderWorkingDaysBefore":5},"decision":{"effectiveFromEarliest":"FIRST_OF_DECISION_MONTH"},"reports":{"auditorReadsSensitiveContent":false},"meetings":{"approval":{"reminderBefore":{"amount":2,"unit":"WORKING_DAYS"},"escalateBefore":{"amount":4,"unit":"WORKING_HOURS"}},"report":{"dueWorkingDaysAfter":2,"reminderWorkingDaysBefore":1,"escalateAfterWorkingDays":2,"closeUnfiledAfterWorkingDays":10},"groupSessions":{"minimumPerQuarter":1},"fieldTime":{"targetShareOfWorkingDays":0.3333333333333333}}}', '2000-01-01', 'Các quy tắc hệ thống áp dụng trước khi có phiên bản quy chế trong cơ sở dữ liệu', 'system');

-- CreateIndex
CREATE UNIQUE INDEX "Programme_code_key" ON "Programme"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeVersion_programmeId_label_key" ON "ProgrammeVersion"("programmeId", "label");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeVersion_programmeId_effectiveFrom_key" ON "ProgrammeVersion"("programmeId", "effectiveFrom");

-- CreateIndex
CREATE INDEX "Assignment_programmeId_idx" ON "Assignment"("programmeId");

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeVersion" ADD CONSTRAINT "ProgrammeVersion_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
