/**
 * The commune committees' comment forms as their readers may see them (machines/commune-comment.ts decides who sees
 * what: the one rule, used by every read here and by the rating summary).
 */
import type { CommuneComment } from '../../contracts/commune-comments';
import { holdsOn } from '../../machines/agency-access';
import { dayOf } from '../../machines/calendar';
import {
  type CommentCriterion,
  type CommentLevel,
  type CommentReader,
  type CommentState,
  type CommentVisibility,
  commentCriteriaOf,
  commentVisibility,
  leaderReadsCommentOf,
  OPEN_COMMENT_STATES,
} from '../../machines/commune-comment';
import { PolicySchema } from '../../machines/policy';
import type { PrismaClient } from '../../prisma/database';
import { confidential, notFound } from '../refusal';

type Prisma = Pick<PrismaClient, 'communeComment' | 'agencyLeaderArea' | 'programmeVersion'>;
type Row = Awaited<ReturnType<Prisma['communeComment']['findMany']>>[number];

/** What a form's readers depend on: its link's leader, agency and heads, its commune, its version's form. */
async function contextsOf(prisma: Prisma, rows: readonly Row[]) {
  if (rows.length === 0) return [];
  const links = await prisma.agencyLeaderArea.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.linkId))] } },
    select: {
      id: true,
      area: { select: { id: true, name: true } },
      member: {
        select: {
          id: true,
          userId: true,
          title: true,
          user: { select: { displayName: true } },
          agency: {
            select: {
              id: true,
              code: true,
              name: true,
              members: { where: { isHead: true }, select: { userId: true, from: true, until: true } },
            },
          },
        },
      },
    },
  });
  const versions = await prisma.programmeVersion.findMany({
    where: { OR: rows.map((r) => ({ programmeId: r.programmeId, label: r.policyVersion })) },
    select: { programmeId: true, label: true, policy: true },
  });
  const commentOf = new Map(
    versions.map((v) => [`${v.programmeId}/${v.label}`, PolicySchema.parse(v.policy).yearly?.comment]),
  );
  const linkOf = new Map(links.map((l) => [l.id, l]));
  const today = dayOf(Date.now());
  return rows.flatMap((row) => {
    const link = linkOf.get(row.linkId);
    if (!link) return [];
    const comment = commentOf.get(`${row.programmeId}/${row.policyVersion}`);
    const parties = {
      areaId: row.areaId,
      leaderUserId: link.member.userId,
      headUserIds: link.member.agency.members.filter((m) => holdsOn(m, today)).map((m) => m.userId),
      leaderReadsComment: comment ? leaderReadsCommentOf(comment) : false,
    };
    const questions: readonly CommentCriterion[] = comment ? commentCriteriaOf(comment) : [];
    return [{ row, link, parties, questions }];
  });
}

type Context = Awaited<ReturnType<typeof contextsOf>>[number];

const iso = (d: Date | null) => d?.toISOString() ?? null;

function present({ row, link, questions }: Context, visibility: CommentVisibility, reader: CommentReader) {
  const full = visibility === 'FULL';
  const open = OPEN_COMMENT_STATES.includes(row.state as CommentState);
  const isCommittee = reader.roles.includes('AREA_COMMITTEE') && reader.areaId === row.areaId;
  const answer: CommuneComment = {
    id: row.id,
    linkId: row.linkId,
    year: row.year,
    state: row.state as CommentState,
    visibility,
    programmeId: row.programmeId,
    policyVersion: row.policyVersion,
    area: link.area,
    leader: {
      memberId: link.member.id,
      userId: link.member.userId,
      displayName: link.member.user.displayName,
      title: link.member.title,
      agency: { id: link.member.agency.id, code: link.member.agency.code, name: link.member.agency.name },
    },
    requestedAt: row.requestedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    remindedAt: iso(row.remindedAt),
    missedAt: iso(row.missedAt),
    escalatedAt: iso(row.escalatedAt),
    receivedAt: iso(row.receivedAt),
    late: row.receivedAt ? row.receivedAt > row.dueAt : null,
    questions: questions.map((q) => ({ key: q.key, label: q.label })),
    level: (row.level as CommentLevel | null) ?? null,
    answers: full && Array.isArray(row.criteria) ? (row.criteria as { key: string; text: string }[]) : null,
    overall: full ? row.overall : null,
    anotherMonitor: row.requestsAnotherMonitor ? { reason: row.anotherMonitorReason ?? '' } : null,
    exemption: row.exemptionReason !== null ? { reason: row.exemptionReason } : null,
    allowedEvents: open && isCommittee ? ['SUBMIT_COMMENT', 'EXEMPT_COMMENT'] : [],
  };
  return answer;
}

export interface CommentFilter {
  year: number;
  requestsAnotherMonitor?: boolean | undefined;
}

/** The forms of a year the reader may see (a committee: its commune's), each as much as they may see. */
export async function communeComments(
  prisma: Prisma,
  reader: CommentReader,
  { year, requestsAnotherMonitor }: CommentFilter,
): Promise<CommuneComment[]> {
  const onlyOwnCommune = reader.roles.includes('AREA_COMMITTEE') && !reader.roles.some((r) => r !== 'AREA_COMMITTEE');
  const rows = await prisma.communeComment.findMany({
    where: {
      year,
      ...(requestsAnotherMonitor !== undefined && { requestsAnotherMonitor }),
      ...(onlyOwnCommune && { areaId: reader.areaId ?? '' }),
    },
    orderBy: [{ areaId: 'asc' }, { id: 'asc' }],
  });
  return (await contextsOf(prisma, rows)).flatMap((context) => {
    const visibility = commentVisibility(reader, context.parties);
    return visibility ? [present(context, visibility, reader)] : [];
  });
}

/** One form, as much as the reader may see: 404 unknown (or not yet requested), 403 not theirs. */
export async function communeComment(prisma: Prisma, reader: CommentReader, id: string): Promise<CommuneComment> {
  const row = await prisma.communeComment.findUnique({ where: { id } });
  const [context] = row ? await contextsOf(prisma, [row]) : [];
  if (!context) throw notFound('commune comment', id);
  const visibility = commentVisibility(reader, context.parties);
  if (!visibility) throw confidential(`The comment form ${id}`);
  return present(context, visibility, reader);
}

/**
 * The forms on a set of links in a year with the visibility each has for the reader: the rating summary's part. A form
 * the reader may not see is left out (null), as the reads do.
 */
export async function commentsOnLinks(
  prisma: Prisma,
  reader: CommentReader,
  linkIds: readonly string[],
  year: number,
): Promise<Map<string, CommuneComment | null>> {
  const rows = await prisma.communeComment.findMany({ where: { linkId: { in: [...linkIds] }, year } });
  const found = new Map<string, CommuneComment | null>();
  for (const context of await contextsOf(prisma, rows)) {
    const visibility = commentVisibility(reader, context.parties);
    found.set(context.row.linkId, visibility ? present(context, visibility, reader) : null);
  }
  return found;
}

/** The forms the committees sent on each link (not exempted nor missing), by year: the fact, never the texts. */
export async function commentsReceivedOn(
  prisma: Pick<PrismaClient, 'communeComment'>,
  linkIds: readonly string[],
): Promise<Map<string, { year: number; receivedOn: string }[]>> {
  const rows = await prisma.communeComment.findMany({
    where: { linkId: { in: [...linkIds] }, state: 'SUBMITTED' },
    orderBy: [{ year: 'asc' }, { id: 'asc' }],
    select: { linkId: true, year: true, receivedAt: true },
  });
  const found = new Map<string, { year: number; receivedOn: string }[]>();
  for (const row of rows) {
    if (!row.receivedAt) continue;
    const list = found.get(row.linkId) ?? [];
    list.push({ year: row.year, receivedOn: dayOf(row.receivedAt.getTime()) });
    found.set(row.linkId, list);
  }
  return found;
}
