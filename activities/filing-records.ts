import { type AuditEntry, recordOnce, type WriteOutcome } from '../domain/audit/log';
import type { ActivityDeps } from './deps';

export interface PlanContent {
  content: string;
  plannedFor?: string | undefined;
  place?: string | undefined;
}

export interface ReportContent {
  situation: string;
  results: string;
  difficulties?: string | undefined;
  proposals?: string | undefined;
}

export type Filing = { kind: 'PLAN'; plan: PlanContent } | { kind: 'REPORT'; report: ReportContent };

export interface FilingStep extends Omit<AuditEntry, 'entityType' | 'entityId' | 'actorId'> {
  actorId: string;
  assignmentId: string;
  period: string;
  late: boolean;
  filing: Filing;
}

/** Stores a monthly plan or report and settles its deadline (a late filing leaves the miss on record). */
export function recordFiling(deps: ActivityDeps) {
  return async (step: FilingStep): Promise<WriteOutcome> => {
    const entityType = step.filing.kind === 'PLAN' ? 'MonthlyPlan' : 'MonthlyReport';
    return recordOnce(
      deps.db,
      {
        ...step,
        entityType,
        entityId: `${step.assignmentId}/${step.period}`,
        payload: { period: step.period, late: step.late },
      },
      async (tx) => {
        const common = {
          assignmentId: step.assignmentId,
          period: step.period,
          filedById: step.actorId,
          filedAt: new Date(step.at),
          late: step.late,
        };
        if (step.filing.kind === 'PLAN') {
          const p = step.filing.plan;
          await tx.monthlyPlan.create({
            data: {
              ...common,
              content: p.content,
              place: p.place ?? null,
              plannedFor: p.plannedFor ? new Date(p.plannedFor) : null,
            },
          });
        } else {
          const r = step.filing.report;
          await tx.monthlyReport.create({
            data: {
              ...common,
              situation: r.situation,
              results: r.results,
              difficulties: r.difficulties ?? null,
              proposals: r.proposals ?? null,
            },
          });
        }
        if (!step.late) {
          const subject = step.filing.kind === 'PLAN' ? 'MONTHLY_PLAN' : 'MONTHLY_REPORT';
          await tx.deadline.updateMany({
            where: { assignmentId: step.assignmentId, subject, reference: step.period },
            data: { status: 'MET', metAt: new Date(step.at) },
          });
        }
      },
    );
  };
}
