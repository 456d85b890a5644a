/**
 * Reserved opinions (Đ6.4: "được bảo lưu ý kiến") as kept: what each is about and the assignment that subject belongs
 * to, the opinions on one subject, oldest first, and an author's own, newest first.
 */
import type { AssignmentParties } from '../../machines/access';
import type { PrismaClient, ReservedOpinion } from '../../prisma/database';
import { type Page, type PageRequest, pageArgs, toPage } from '../pagination';
import { assignmentParties } from '../parties';
import { notFound, Refusal } from '../refusal';

/**
 * What an opinion can be about, and how each is addressed:
 * - `Assignment`: the assignment id;
 * - `ApprovalRequest`: the request id (a proposal leadership decides);
 * - `AnnualEvaluation`: `<assignmentId>/<year>` (as the evaluation's `opinionSubject` says);
 * - `MonthlyReport`: `<assignmentId>/<period>` (YYYY-MM).
 */
export const SUBJECT_TYPES = ['Assignment', 'ApprovalRequest', 'AnnualEvaluation', 'MonthlyReport'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const presentOpinion = (o: ReservedOpinion) => ({
  id: o.id,
  authorId: o.authorId,
  subjectType: o.subjectType,
  subjectId: o.subjectId,
  text: o.text,
  createdAt: o.createdAt.toISOString(),
});
export type Opinion = ReturnType<typeof presentOpinion>;

const badSubjectId = (message: string) =>
  new Refusal(400, 'INVALID_INPUT', 'The request is invalid', { issues: [{ path: 'subjectId', message }] });

/** The assignment a subject belongs to; 400 for a malformed id, 404 for a subject that does not exist. */
async function subjectAssignment(prisma: PrismaClient, subjectType: SubjectType, subjectId: string): Promise<string> {
  const missing = () => notFound(subjectType, subjectId);
  switch (subjectType) {
    case 'Assignment': {
      const row = await prisma.assignment.findUnique({ where: { id: subjectId }, select: { id: true } });
      if (!row) throw missing();
      return row.id;
    }
    case 'ApprovalRequest': {
      const row = await prisma.approvalRequest.findUnique({ where: { id: subjectId }, select: { assignmentId: true } });
      if (!row?.assignmentId) throw missing();
      return row.assignmentId;
    }
    case 'AnnualEvaluation': {
      const match = /^(.+)\/(\d{4})$/.exec(subjectId);
      if (!match) throw badSubjectId('an evaluation is addressed as <assignmentId>/<year>');
      const row = await prisma.annualEvaluation.findUnique({
        where: { assignmentId_year: { assignmentId: match[1]!, year: Number(match[2]) } },
        select: { assignmentId: true },
      });
      if (!row) throw missing();
      return row.assignmentId;
    }
    case 'MonthlyReport': {
      const match = /^(.+)\/(\d{4}-\d{2}(?:-adhoc-\d+)?)$/.exec(subjectId);
      if (!match) throw badSubjectId('a monthly report is addressed as <assignmentId>/<YYYY-MM>');
      const row = await prisma.monthlyReport.findUnique({
        where: { assignmentId_period: { assignmentId: match[1]!, period: match[2]! } },
        select: { assignmentId: true },
      });
      if (!row) throw missing();
      return row.assignmentId;
    }
  }
}

/** The parties of the assignment the subject belongs to: 400 malformed, 404 unknown. */
export async function subjectParties(
  prisma: PrismaClient,
  subjectType: SubjectType,
  subjectId: string,
): Promise<AssignmentParties> {
  const assignmentId = await subjectAssignment(prisma, subjectType, subjectId);
  const parties = await assignmentParties(prisma, assignmentId);
  if (!parties) throw notFound('assignment', assignmentId);
  return parties;
}

export async function opinion(prisma: PrismaClient, id: string): Promise<Opinion> {
  return presentOpinion(await prisma.reservedOpinion.findUniqueOrThrow({ where: { id } }));
}

/** The opinions on one subject, oldest first. */
export async function opinionsOn(
  prisma: PrismaClient,
  { subjectType, subjectId }: { subjectType: SubjectType; subjectId: string },
  page: PageRequest,
): Promise<Page<Opinion>> {
  const rows = await prisma.reservedOpinion.findMany({
    where: { subjectType, subjectId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    ...pageArgs(page),
  });
  return toPage(rows, page.limit, presentOpinion);
}

/** An author's own opinions, newest first. */
export async function opinionsBy(prisma: PrismaClient, authorId: string, page: PageRequest): Promise<Page<Opinion>> {
  const rows = await prisma.reservedOpinion.findMany({
    where: { authorId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...pageArgs(page),
  });
  return toPage(rows, page.limit, presentOpinion);
}
