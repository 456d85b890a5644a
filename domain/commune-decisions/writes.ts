/**
 * The Standing Committee's decisions on who monitors a commune (seed 001): the Board's staff proposes an appointment or
 * a reassignment, a Standing Committee member approves it with the Standing Committee's decision (its own register,
 * never the Board's) or refuses it. An approval writes the decision, ends the link a reassignment replaces, makes the
 * new link and closes the proposal in one transaction with its audit row; the rules are checked again inside it, so
 * two approvals for one commune cannot both pass. Right after, the decision's .docx is issued (its paper, kept as made).
 */
import type { CommuneProposal } from '../../contracts/commune-decisions';
import { addDays, dayOf, type IsoDay } from '../../machines/calendar';
import {
  communeLinkRefusal,
  type CommuneProposalKind,
  type ReassignmentGround,
} from '../../machines/commune-decisions';
import { DEFAULT_REGISTER, registerPlace } from '../../machines/decision-number';
import type { Database } from '../../prisma/database';
import { recordOnce, type Tx } from '../audit/log';
import type { Caller } from '../caller';
import { ruleViolated } from '../organisation/periods';
import { issueCommuneDecisionDocx } from '../papers/commune-decision';
import { registerCalendar } from '../papers/terms';
import { notFound, Refusal } from '../refusal';
import { linkFacts, type LinkQuestion, proposalView } from './reads';

type Db = Pick<Database, 'prisma' | 'provider'>;

export const COMMUNE_LINK_PROPOSED = 'COMMUNE_LINK_PROPOSED';
export const COMMUNE_LINK_APPROVED = 'COMMUNE_LINK_APPROVED';
export const COMMUNE_LINK_REFUSED = 'COMMUNE_LINK_REFUSED';

export interface AppointmentForm {
  programmeId: string;
  areaId: string;
  memberId: string;
  reason: string;
  from?: IsoDay | undefined;
}

export interface ReassignmentForm {
  memberId: string;
  ground: ReassignmentGround;
  groundCommentId?: string | undefined;
  reason: string;
  from?: IsoDay | undefined;
}

export type DecisionForm =
  | { outcome: 'APPROVE'; decision: { number: string; issuedOn: IsoDay }; comment?: string | undefined }
  | { outcome: 'REFUSE'; comment: string };

const todayInVietnam = (): IsoDay => dayOf(Date.now());

async function refuseBrokenRule(prisma: Db['prisma'] | Tx, question: LinkQuestion): Promise<void> {
  const refusal = communeLinkRefusal(await linkFacts(prisma, question));
  if (refusal) throw ruleViolated(refusal.rule, refusal.message, { field: refusal.field });
}

async function propose(
  db: Db,
  { actor, userId }: Caller,
  id: string,
  kind: CommuneProposalKind,
  question: LinkQuestion,
  fields: { reason: string; ground?: ReassignmentGround; groundCommentId?: string | undefined },
): Promise<CommuneProposal> {
  const existing = await db.prisma.communeLinkProposal.findUnique({ where: { id }, select: { id: true } });
  if (existing) return proposalView(db.prisma, id);
  await refuseBrokenRule(db.prisma, question);
  await recordOnce(
    db,
    {
      idempotencyKey: `commune-decisions:${COMMUNE_LINK_PROPOSED}:${id}`,
      at: new Date().toISOString(),
      actorId: actor.id,
      action: COMMUNE_LINK_PROPOSED,
      entityType: 'CommuneLinkProposal',
      entityId: id,
      payload: { kind, ...question, ...fields, userId },
    },
    async (tx) => {
      await tx.communeLinkProposal.create({
        data: {
          id,
          kind,
          programmeId: question.programmeId,
          areaId: question.areaId,
          memberId: question.memberId,
          endsLinkId: question.endsLinkId ?? null,
          ground: fields.ground ?? null,
          groundCommentId: fields.groundCommentId ?? null,
          reason: fields.reason,
          from: question.day,
          proposedById: userId,
        },
      });
    },
  );
  return proposalView(db.prisma, id);
}

/** Board staff proposes that an agency's leader monitor a commune or ward under a programme. */
export async function proposeAppointment(db: Db, caller: Caller, id: string, form: AppointmentForm) {
  const day = form.from ?? todayInVietnam();
  if (day < todayInVietnam())
    throw ruleViolated('FROM_IN_PAST', `A link is proposed from today (${todayInVietnam()}) or later`, {
      field: 'from',
    });
  return propose(
    db,
    caller,
    id,
    'APPOINTMENT',
    { programmeId: form.programmeId, areaId: form.areaId, memberId: form.memberId, day },
    { reason: form.reason },
  );
}

/**
 * Board staff proposes that a link end and its commune go to another leader, on a ground: the commune committee's
 * request for another monitor (its year-end comment on this link, received and asking for another monitor), or
 * another with its reason.
 */
export async function proposeReassignment(db: Db, caller: Caller, id: string, linkId: string, form: ReassignmentForm) {
  const link = await db.prisma.agencyLeaderArea.findUnique({
    where: { id: linkId },
    select: { programmeId: true, areaId: true },
  });
  if (!link) throw notFound('link', linkId);
  await refuseUnfoundedGround(db, linkId, form);
  const day = form.from ?? todayInVietnam();
  if (day < todayInVietnam())
    throw ruleViolated('FROM_IN_PAST', `A reassignment is proposed from today (${todayInVietnam()}) or later`, {
      field: 'from',
    });
  return propose(
    db,
    caller,
    id,
    'REASSIGNMENT',
    { programmeId: link.programmeId, areaId: link.areaId, memberId: form.memberId, day, endsLinkId: linkId },
    { reason: form.reason, ground: form.ground, groundCommentId: form.groundCommentId },
  );
}

async function refuseUnfoundedGround(db: Db, linkId: string, form: ReassignmentForm): Promise<void> {
  if (form.ground === 'OTHER') {
    if (form.groundCommentId)
      throw ruleViolated('GROUND_COMMENT_ONLY_FOR_REQUEST', "A comment is named only for the commune's request", {
        field: 'groundCommentId',
      });
    return;
  }
  if (!form.groundCommentId)
    throw ruleViolated('GROUND_COMMENT_REQUIRED', "The commune committee's request is named by its comment", {
      field: 'groundCommentId',
    });
  const comment = await db.prisma.communeComment.findUnique({
    where: { id: form.groundCommentId },
    select: { linkId: true, receivedAt: true, requestsAnotherMonitor: true },
  });
  if (!comment) throw notFound('comment', form.groundCommentId);
  if (comment.linkId !== linkId)
    throw ruleViolated('GROUND_COMMENT_OF_ANOTHER_LINK', 'The comment is on another leader or commune', {
      field: 'groundCommentId',
    });
  if (!comment.receivedAt || !comment.requestsAnotherMonitor)
    throw ruleViolated('GROUND_COMMENT_ASKS_NO_CHANGE', 'The comment received does not ask for another monitor', {
      field: 'groundCommentId',
    });
}

const isUniqueViolationOn = (error: unknown, field: string) =>
  (error as { code?: unknown } | null)?.code === 'P2002' &&
  JSON.stringify((error as { meta?: unknown }).meta ?? '').includes(field);

/** A link as its workflows need it. */
export interface LinkDays {
  id: string;
  from: IsoDay;
  until: IsoDay | null;
}

/** What a decision made, for the caller to start the new link's work and end the replaced one's. */
export interface Decided {
  proposal: CommuneProposal;
  /** The link the approval made, and the one it ended; null when refused. */
  made: LinkDays | null;
  ended: LinkDays | null;
}

async function decided(db: Db, proposalId: string): Promise<Decided> {
  const proposal = await proposalView(db.prisma, proposalId);
  const days = (id: string | null) =>
    id && proposal.status === 'APPROVED'
      ? db.prisma.agencyLeaderArea.findUnique({ where: { id }, select: { id: true, from: true, until: true } })
      : null;
  return { proposal, made: await days(proposal.linkId), ended: await days(proposal.endsLink?.id ?? null) };
}

/**
 * A Standing Committee member approves a pending proposal with the Standing Committee's decision, or refuses it with
 * the reason. A decision already recorded the same way is answered as it stands (a retry); otherwise 409.
 */
export async function decideProposal(
  db: Db,
  { actor, userId }: Caller,
  proposalId: string,
  form: DecisionForm,
): Promise<Decided> {
  const proposal = await db.prisma.communeLinkProposal.findUnique({
    where: { id: proposalId },
    include: { decision: { select: { number: true } } },
  });
  if (!proposal) throw notFound('proposal', proposalId);
  const outcome = form.outcome === 'APPROVE' ? 'APPROVED' : 'REJECTED';
  if (proposal.status !== 'PENDING') {
    const same =
      proposal.status === outcome &&
      proposal.decidedById === userId &&
      (form.outcome === 'REFUSE' || proposal.decision?.number === form.decision.number.trim());
    if (same) {
      // A retried approval issues the paper the first one could not (a no-op when it is kept).
      if (proposal.decisionId) await issueCommuneDecisionDocx(db, proposal.decisionId);
      return decided(db, proposalId);
    }
    throw new Refusal(409, 'PROPOSAL_DECIDED', `The proposal is already ${proposal.status.toLowerCase()}`, {
      status: proposal.status,
    });
  }
  if (proposal.proposedById === userId)
    throw ruleViolated('OWN_PROPOSAL', 'Nobody decides their own proposal', { field: 'outcome' });

  const entry = {
    at: new Date().toISOString(),
    actorId: actor.id,
    entityType: 'CommuneLinkProposal',
    entityId: proposalId,
  };
  if (form.outcome === 'REFUSE') {
    await recordOnce(
      db,
      {
        ...entry,
        idempotencyKey: `commune-decisions:DECIDED:${proposalId}`,
        action: COMMUNE_LINK_REFUSED,
        payload: { comment: form.comment, userId },
      },
      async (tx) => {
        await closePending(tx, proposalId, {
          status: 'REJECTED',
          decidedById: userId,
          decidedAt: new Date(),
          decisionComment: form.comment,
        });
      },
    );
    return decided(db, proposalId);
  }

  const { number, issuedOn } = form.decision;
  const today = todayInVietnam();
  if (issuedOn > today)
    throw ruleViolated('DECISION_DATE_IN_FUTURE', `The decision is dated ${issuedOn}, after today (${today})`, {
      field: 'decision.issuedOn',
    });
  if (issuedOn < dayOf(proposal.createdAt.getTime()))
    throw ruleViolated('DECISION_BEFORE_PROPOSAL', `The decision is dated before the proposal it decides`, {
      field: 'decision.issuedOn',
    });
  const place = registerPlace(number, issuedOn, await registerCalendar(db.prisma));
  if (!place)
    throw new Refusal(400, 'INVALID_INPUT', 'The request is invalid', {
      issues: [{ path: 'decision.number', message: 'a decision number is "<number>-<register>", e.g. 5-QĐ/TU' }],
    });
  const boards = await db.prisma.decision.findFirst({ where: { register: place.register }, select: { id: true } });
  if (place.register === DEFAULT_REGISTER || boards)
    throw ruleViolated(
      'DECISION_REGISTER_OF_THE_BOARD',
      `${place.register} is the Board's register; the Standing Committee's decisions are numbered in its own (e.g. QĐ/TU)`,
      { field: 'decision.number' },
    );
  const taken = await db.prisma.standingCommitteeDecision.findUnique({
    where: {
      register_periodStart_sequence: {
        register: place.register,
        periodStart: place.periodStart,
        sequence: place.sequence,
      },
    },
    select: { number: true, issuedOn: true },
  });
  const numberTaken = () =>
    ruleViolated(
      'DECISION_NUMBER_TAKEN',
      `Number ${place.sequence} of the register ${place.register} in its period from ${place.periodStart} is taken`,
      { field: 'decision.number' },
    );
  if (taken) throw numberTaken();

  const from = proposal.from > issuedOn ? proposal.from : issuedOn;
  const decisionId = `sc-decision-${proposalId}`;
  const linkId = `commune-link-${proposalId}`;
  try {
    await recordOnce(
      db,
      {
        ...entry,
        idempotencyKey: `commune-decisions:DECIDED:${proposalId}`,
        action: COMMUNE_LINK_APPROVED,
        decisionNumber: number,
        payload: {
          kind: proposal.kind,
          decisionId,
          register: place.register,
          issuedOn,
          linkId,
          from,
          endsLinkId: proposal.endsLinkId,
          endsOn: proposal.endsLinkId ? addDays(from, -1) : null,
          comment: form.comment ?? null,
          userId,
        },
      },
      async (tx) => {
        await refuseBrokenRule(tx, {
          programmeId: proposal.programmeId,
          areaId: proposal.areaId,
          memberId: proposal.memberId,
          day: from,
          endsLinkId: proposal.endsLinkId,
        });
        await tx.standingCommitteeDecision.create({
          data: {
            id: decisionId,
            number,
            ...place,
            issuedOn,
            kind: proposal.kind,
            signerUserId: userId,
          },
        });
        if (proposal.endsLinkId) {
          const ended = await tx.agencyLeaderArea.updateMany({
            where: { id: proposal.endsLinkId, OR: [{ until: null }, { until: { gte: from } }] },
            data: { until: addDays(from, -1) },
          });
          if (ended.count !== 1)
            throw ruleViolated('LINK_NOT_IN_FORCE', `The link has ended before ${from}`, { field: 'linkId' });
        }
        await tx.agencyLeaderArea.create({
          data: {
            id: linkId,
            programmeId: proposal.programmeId,
            memberId: proposal.memberId,
            areaId: proposal.areaId,
            from,
            decisionNumber: number,
          },
        });
        await closePending(tx, proposalId, {
          status: 'APPROVED',
          decidedById: userId,
          decidedAt: new Date(),
          decisionComment: form.comment ?? null,
          decisionId,
          linkId,
        });
      },
    );
  } catch (error) {
    if (isUniqueViolationOn(error, 'sequence')) throw numberTaken();
    if (isUniqueViolationOn(error, 'memberId'))
      throw ruleViolated('COMMUNE_ALREADY_MONITORED', `The leader already monitors the commune from ${from}`, {
        field: 'memberId',
      });
    throw error;
  }
  // The decision is recorded: its .docx is issued now, as the Board's is once its decision is recorded; the approval
  // stands if the paper cannot be made (it is then made on the first download).
  await issueCommuneDecisionDocx(db, decisionId);
  return decided(db, proposalId);
}

/** Closes the proposal only while it is pending: of two decisions sent at once, the second finds it decided. */
async function closePending(
  tx: Tx,
  proposalId: string,
  data: {
    status: 'APPROVED' | 'REJECTED';
    decidedById: string;
    decidedAt: Date;
    decisionComment: string | null;
    decisionId?: string;
    linkId?: string;
  },
) {
  const { count } = await tx.communeLinkProposal.updateMany({ where: { id: proposalId, status: 'PENDING' }, data });
  if (count !== 1) throw new Refusal(409, 'PROPOSAL_DECIDED', 'The proposal was decided meanwhile', {});
}
