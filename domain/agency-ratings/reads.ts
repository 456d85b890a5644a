/**
 * The year's monitoring results of an agency's leaders, one line each: an input to their annual rating as leaders
 * (seed 001: "lấy kết quả theo dõi … làm cơ sở … đánh giá xếp loại … cán bộ lãnh đạo quản lý hằng năm"). Per leader
 * and commune: the filings of the year on time, late or missing (from the yearly filings' records), and the commune
 * committee's comment form (its level, whether it asks for another monitor), as far as the reader may see it
 * (machines/commune-comment.ts). For the agency's head, the Standing Committee's members, Board leadership and the
 * auditor.
 */
import type { AgencyRatings } from '../../contracts/commune-comments';
import { holdsIn, holdsOn, mayFollowAgency } from '../../machines/agency-access';
import { dayOf, endOfDay } from '../../machines/calendar';
import { COMMENT_LEVELS, type CommentReader } from '../../machines/commune-comment';
import type { PrismaClient } from '../../prisma/database';
import { AGENCY_WITH_MEMBERS } from '../agencies/reads';
import { commentsOnLinks } from '../commune-comments/reads';
import { confidential, notFound } from '../refusal';

type Prisma = Pick<
  PrismaClient,
  'agency' | 'communeComment' | 'agencyLeaderArea' | 'programmeVersion' | 'communeFiling'
>;

/** Who reads an agency's ratings: those who follow the agency, and the Standing Committee's members, who rate. */
export function mayReadRatings(reader: CommentReader, headUserIds: readonly string[]): boolean {
  return reader.roles.includes('STANDING_COMMITTEE_MEMBER') || mayFollowAgency(reader, headUserIds);
}

type Counts = { onTime: number; late: number; missing: number };

/** A filing is on time when filed by the end of its due day, late after it, missing when its deadline passed unfiled. */
function countFilings(rows: { dueOn: string; filedAt: Date | null; missedAt: Date | null }[]): Counts {
  const counts = { onTime: 0, late: 0, missing: 0 };
  for (const row of rows) {
    if (row.filedAt) counts[row.filedAt.getTime() <= endOfDay(row.dueOn) ? 'onTime' : 'late'] += 1;
    else if (row.missedAt) counts.missing += 1;
  }
  return counts;
}

export async function agencyRatings(
  prisma: Prisma,
  agencyId: string,
  reader: CommentReader,
  year: number,
): Promise<AgencyRatings> {
  const agency = await prisma.agency.findUnique({ where: { id: agencyId }, select: AGENCY_WITH_MEMBERS });
  if (!agency) throw notFound('agency', agencyId);
  const today = dayOf(Date.now());
  const heads = agency.members.filter((m) => m.isHead && holdsOn(m, today)).map((m) => m.userId);
  if (!mayReadRatings(reader, heads)) throw confidential(`The ratings of agency ${agency.code}`);

  const members = agency.members.filter((m) => holdsIn(m, year));
  const links = members.flatMap((m) => m.communes.filter((c) => holdsIn(c, year)));
  const comments = await commentsOnLinks(
    prisma,
    reader,
    links.map((l) => l.id),
    year,
  );
  const filings = await prisma.communeFiling.findMany({
    where: { linkId: { in: links.map((l) => l.id) }, period: { startsWith: String(year) } },
    select: { linkId: true, dueOn: true, filedAt: true, missedAt: true },
  });

  const leaders = members.map((m) => {
    const communes = m.communes
      .filter((c) => holdsIn(c, year))
      .map((c) => {
        const comment = comments.get(c.id) ?? null;
        const own = filings.filter((f) => f.linkId === c.id);
        return {
          linkId: c.id,
          areaId: c.area.id,
          areaName: c.area.name,
          filings: own.length > 0 ? countFilings(own) : null,
          comment: comment && {
            id: comment.id,
            state: comment.state,
            level: comment.level,
            late: comment.late,
            requestsAnotherMonitor: comment.anotherMonitor !== null,
          },
        };
      });
    const withFilings = communes.flatMap((c) => (c.filings ? [c.filings] : []));
    const seen = communes.flatMap((c) => (c.comment ? [c.comment] : []));
    return {
      memberId: m.id,
      userId: m.userId,
      displayName: m.user.displayName,
      title: m.title,
      communes,
      totals: {
        communes: communes.length,
        filings:
          withFilings.length > 0
            ? withFilings.reduce((a, b) => ({
                onTime: a.onTime + b.onTime,
                late: a.late + b.late,
                missing: a.missing + b.missing,
              }))
            : null,
        levels: Object.fromEntries(
          COMMENT_LEVELS.map((level) => [level, seen.filter((c) => c.level === level).length]),
        ) as Record<(typeof COMMENT_LEVELS)[number], number>,
        exempted: seen.filter((c) => c.state === 'EXEMPTED').length,
        notReceived: seen.filter((c) => c.state === 'NOT_RECEIVED' || c.state === 'ESCALATED' || c.state === 'MISSED')
          .length,
        requestsAnotherMonitor: seen.filter((c) => c.requestsAnotherMonitor).length,
      },
    };
  });
  return { agency: { id: agency.id, code: agency.code, name: agency.name }, year, leaders };
}
