/**
 * The draft of a decision, shown to the deciding leader before approval: the pending proposal of an assignment
 * composed as the paper it will become, without a number ("Số    -QĐ/BTCTU") nor a day, marked "DỰ THẢO", signed in
 * the reader's capacity. Made on each request and never stored: only the decision as approved is issued (issued.ts).
 */
import type { Actor } from '../../machines/actor';
import { DEFAULT_REGISTER } from '../../machines/decision-number';
import type { AppointedOfficial, DecisionPaperKind } from '../../machines/papers/decision-paper';
import { capacityOfPost, signingBlock } from '../../machines/signing-block';
import type { PrismaClient } from '../../prisma/database';
import { factsFilter } from '../confidential-facts';
import { confidential, notFound, Refusal } from '../refusal';
import { decisionDocx, postOf } from './document';
import { docxToPdf } from './pdf';
import type { PapersConfig } from './settings';

const official = { select: { id: true, fullName: true, position: true, department: { select: { name: true } } } };

type OfficialRow = { fullName: string; position: string; department: { name: string } | null };

const appointedAs = (
  o: OfficialRow,
  areaName: string,
  effectiveFrom: string,
  group: { name: string; leader: string | null } | null,
): AppointedOfficial => ({
  fullName: o.fullName,
  post: postOf(o.position, o.department?.name ?? null),
  areaName,
  groupName: group?.name ?? null,
  groupLeaderName: group?.leader ?? null,
  effectiveFrom,
});

/** The draft's officials and kind, from the assignment's pending proposal; 404 without one, 403 for a hidden ground. */
async function draftFacts(prisma: PrismaClient, actor: Actor, assignmentId: string, today: string) {
  const request = await prisma.approvalRequest.findFirst({
    where: { assignmentId, status: 'PENDING' },
    orderBy: { createdAt: 'desc' },
    select: { id: true, kind: true, payload: true },
  });
  if (!request) throw notFound('pending proposal of assignment', assignmentId);
  const filter = await factsFilter(prisma, actor, assignmentId);
  if (filter && !filter.seesProposal(request.id)) throw confidential(`The proposal ${request.id}`);
  const assignment = await prisma.assignment.findUniqueOrThrow({
    where: { id: assignmentId },
    select: {
      effectiveFrom: true,
      official,
      area: { select: { name: true } },
      group: {
        select: { name: true, memberships: { where: { isLeader: true, until: null }, select: { official } } },
      },
    },
  });
  const group = assignment.group
    ? { name: assignment.group.name, leader: assignment.group.memberships[0]?.official.fullName ?? null }
    : null;
  const from = assignment.effectiveFrom.toISOString().slice(0, 10);
  const officials = [appointedAs(assignment.official, assignment.area.name, from, group)];
  const payload = (request.payload ?? {}) as { successorOfficialId?: unknown; successorEffectiveFrom?: unknown };
  if (request.kind !== 'APPOINTMENT' && typeof payload.successorOfficialId === 'string') {
    const successor = await prisma.official.findUnique({ where: { id: payload.successorOfficialId }, ...official });
    const handover = typeof payload.successorEffectiveFrom === 'string' ? payload.successorEffectiveFrom : today;
    if (successor) officials.push(appointedAs(successor, assignment.area.name, handover, null));
  }
  return { kind: request.kind as DecisionPaperKind, officials, requestId: request.id, filter };
}

/** The draft as a .docx or a PDF, for a leader of the Board; the filter that decided, to audit the read. */
export async function decisionDraft(
  prisma: PrismaClient,
  actor: Actor,
  assignmentId: string,
  format: 'docx' | 'pdf',
  today: string,
  config: PapersConfig,
) {
  const facts = await draftFacts(prisma, actor, assignmentId, today);
  const reader = await prisma.official.findUnique({
    where: { id: actor.id },
    select: { id: true, fullName: true, position: true },
  });
  if (!reader) throw new Refusal(403, 'FORBIDDEN', 'Only a leader of the Board with an official record reads a draft');
  const capacity = capacityOfPost(reader.position) ?? (actor.roles.includes('HEAD_OF_BOARD') ? 'HEAD' : 'DEPUTY');
  const docx = await decisionDocx(
    {
      number: `    -${DEFAULT_REGISTER}`,
      issuedOn: today,
      kind: facts.kind,
      officials: facts.officials,
      signing: signingBlock({ signerId: reader.id, signerName: reader.fullName, capacity }),
      draft: true,
    },
    config,
  );
  const bytes = format === 'pdf' ? await docxToPdf(docx, config.sofficePath) : docx;
  return { bytes, filter: facts.filter, kind: facts.kind };
}
