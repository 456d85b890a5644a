/**
 * The Standing Committee's proposals as their readers see them (those who prepare and decide them, and the auditor),
 * each decided one with its decision and whether that is signed ("Đã ký số"), and the facts a proposed link is judged
 * on (machines/commune-decisions.ts).
 */
import type { CommuneProposal } from '../../contracts/commune-decisions';
import type { CommuneLinkFacts } from '../../machines/commune-decisions';
import type { IsoDay } from '../../machines/calendar';
import type { Role } from '../../machines/roles';
import type { PrismaClient } from '../../prisma/database';
import type { Tx } from '../audit/log';
import { dayOrNull } from '../organisation/periods';
import { signedSummary, signedSummarySelect } from '../papers/signed-summary';
import { notFound } from '../refusal';

type Reader = Pick<
  PrismaClient,
  'communeLinkProposal' | 'agencyLeaderArea' | 'agencyMember' | 'area' | 'programme' | 'user'
>;

type ProposalRow = Awaited<ReturnType<typeof proposalRows>>[number];

const proposalRows = (prisma: Reader | Tx, where: { id?: string; status?: 'PENDING' | 'APPROVED' | 'REJECTED' }) =>
  prisma.communeLinkProposal.findMany({
    where,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 500,
    include: { decision: { include: { signedDocument: { select: signedSummarySelect } } } },
  });

/** The proposals, oldest first; only those of a status when one is asked. */
export async function listProposals(
  prisma: Reader,
  status?: 'PENDING' | 'APPROVED' | 'REJECTED',
): Promise<CommuneProposal[]> {
  return shape(prisma, await proposalRows(prisma, status ? { status } : {}));
}

/** One proposal; 404 when unknown. */
export async function proposalView(prisma: Reader, id: string): Promise<CommuneProposal> {
  const [view] = await shape(prisma, await proposalRows(prisma, { id }));
  if (!view) throw notFound('proposal', id);
  return view;
}

async function shape(prisma: Reader, rows: ProposalRow[]): Promise<CommuneProposal[]> {
  if (rows.length === 0) return [];
  const linkIds = rows.flatMap((r) => (r.endsLinkId ? [r.endsLinkId] : []));
  const links = await prisma.agencyLeaderArea.findMany({
    where: { id: { in: linkIds } },
    select: { id: true, memberId: true, from: true, member: { select: { user: { select: { displayName: true } } } } },
  });
  const memberIds = [...new Set(rows.map((r) => r.memberId))];
  const members = await prisma.agencyMember.findMany({
    where: { id: { in: memberIds } },
    select: {
      id: true,
      userId: true,
      title: true,
      agency: { select: { id: true, name: true } },
      user: { select: { displayName: true } },
    },
  });
  const areas = await prisma.area.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.areaId))] } },
    select: { id: true, name: true, kind: true },
  });
  const programmes = await prisma.programme.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.programmeId))] } },
    select: { id: true, name: true },
  });
  const userIds = [...new Set(rows.flatMap((r) => [r.proposedById, ...(r.decision ? [r.decision.signerUserId] : [])]))];
  const users = await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } });
  const nameOf = (userId: string) => users.find((u) => u.id === userId)?.displayName ?? userId;
  return rows.map((row) => {
    const member = members.find((m) => m.id === row.memberId);
    const area = areas.find((a) => a.id === row.areaId);
    const link = links.find((l) => l.id === row.endsLinkId);
    const decision = row.decision;
    return {
      id: row.id,
      kind: row.kind as CommuneProposal['kind'],
      status: row.status,
      programme: {
        id: row.programmeId,
        name: programmes.find((p) => p.id === row.programmeId)?.name ?? row.programmeId,
      },
      area: { id: row.areaId, name: area?.name ?? row.areaId, kind: area?.kind ?? '' },
      leader: {
        memberId: row.memberId,
        userId: member?.userId ?? '',
        displayName: member?.user.displayName ?? row.memberId,
        title: member?.title ?? '',
        agencyId: member?.agency.id ?? '',
        agencyName: member?.agency.name ?? '',
      },
      endsLink: link
        ? { id: link.id, memberId: link.memberId, displayName: link.member.user.displayName, from: link.from }
        : null,
      ground: (row.ground as CommuneProposal['ground']) ?? null,
      groundCommentId: row.groundCommentId,
      reason: row.reason,
      from: row.from,
      proposedById: row.proposedById,
      proposedByName: nameOf(row.proposedById),
      proposedAt: row.createdAt.toISOString(),
      decidedById: row.decidedById,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      decisionComment: row.decisionComment,
      decision: decision
        ? {
            id: decision.id,
            number: decision.number,
            register: decision.register,
            issuedOn: decision.issuedOn,
            signerUserId: decision.signerUserId,
            signerName: nameOf(decision.signerUserId),
            signature: signedSummary(decision.signedDocument),
          }
        : null,
      linkId: row.linkId,
    };
  });
}

export interface LinkQuestion {
  programmeId: string;
  areaId: string;
  memberId: string;
  day: IsoDay;
  /** The link a reassignment ends. */
  endsLinkId?: string | null | undefined;
}

/** The facts a proposed link is judged on, read in the caller's transaction; 404 for an unknown record. */
export async function linkFacts(prisma: Reader | Tx, question: LinkQuestion): Promise<CommuneLinkFacts> {
  const { programmeId, areaId, memberId, day } = question;
  const programme = await prisma.programme.findUnique({
    where: { id: programmeId },
    select: { decidedBy: true, areaKinds: true },
  });
  if (!programme) throw notFound('programme', programmeId);
  const area = await prisma.area.findUnique({
    where: { id: areaId },
    select: { kind: true, validFrom: true, validUntil: true },
  });
  if (!area) throw notFound('area', areaId);
  const member = await prisma.agencyMember.findUnique({
    where: { id: memberId },
    select: { from: true, until: true, user: { select: { roles: { select: { role: true } } } } },
  });
  if (!member) throw notFound('agency member', memberId);
  const ending = question.endsLinkId
    ? await prisma.agencyLeaderArea.findUnique({
        where: { id: question.endsLinkId },
        select: { memberId: true, from: true, until: true },
      })
    : null;
  const others = await prisma.agencyLeaderArea.findMany({
    where: {
      programmeId,
      areaId,
      ...(question.endsLinkId ? { id: { not: question.endsLinkId } } : {}),
      OR: [{ until: null }, { until: { gte: day } }],
      member: { OR: [{ until: null }, { until: { gte: day } }] },
    },
    select: { id: true, memberId: true },
  });
  return {
    day,
    programme: {
      decidedBy: programme.decidedBy,
      areaKinds: Array.isArray(programme.areaKinds) ? programme.areaKinds.map(String) : [],
    },
    area: { kind: area.kind, validFrom: dayOrNull(area.validFrom), validUntil: dayOrNull(area.validUntil) },
    member: { from: member.from, until: member.until, roles: member.user.roles.map((r) => r.role as Role) },
    otherLinksInForce: others,
    ending: ending ? { ...ending, proposedMemberId: memberId } : undefined,
  };
}
