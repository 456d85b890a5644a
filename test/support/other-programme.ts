import type { PrismaClient } from '../../prisma/database';
import type { Policy } from '../../machines/policy';

/**
 * A second programme beside the Board's own, with one version in force since 2000-01-01 (label `test.other-1`):
 * what a test needs to show that a rule or a filter reaches one programme and not the other.
 */
export async function createOtherProgramme(
  prisma: PrismaClient,
  {
    id,
    code,
    policy,
    publishedById,
    cadenceKind = 'MONTHLY_PLAN_AND_REPORT',
  }: {
    id: string;
    code: string;
    policy: Policy;
    publishedById: string;
    cadenceKind?: 'MONTHLY_PLAN_AND_REPORT' | 'YEARLY_PROGRAMME_PERIODIC_REPORTS';
  },
): Promise<void> {
  await prisma.programme.create({
    data: {
      id,
      code,
      name: 'Another programme',
      legalBasis: 'test',
      decidedBy: 'STANDING_COMMITTEE',
      monitoredBy: 'AGENCY_LEADERS',
      areaKinds: ['DISTRICT'],
      cadenceKind,
      evaluationForm: 'AREA_EVALUATION',
      termRule: 'ROTATION',
      versions: { create: { label: 'test.other-1', policy, effectiveFrom: '2000-01-01', publishedById } },
    },
  });
}
