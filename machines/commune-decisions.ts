/**
 * The Standing Committee's decisions on who monitors a commune under a programme it decides (seed 001, Quy định 26):
 * the Board's staff prepares a proposal (the Board is the Standing Committee's secretariat), a Standing Committee member
 * approves it with the Standing Committee's decision, in its own register, or refuses it. Pure rules over the facts the
 * records hold on the day the link would start.
 */
import { z } from 'zod';
import type { IsoDay } from './calendar';
import { ASSIGNMENT_PROPOSERS, AUDITOR_AND_LEADERSHIP, type Role } from './roles';

/** Who prepares the Standing Committee's appointments and reassignments: those who prepare the Board's own. */
export const COMMUNE_LINK_PROPOSERS = ASSIGNMENT_PROPOSERS;
/** Who decides them: the Standing Committee, through its members; never Board leadership. */
export const COMMUNE_LINK_DECIDERS = ['STANDING_COMMITTEE_MEMBER'] as const satisfies readonly Role[];
/** Who reads the proposals: those who prepare and decide them, and the auditor. */
export const COMMUNE_PROPOSAL_READERS = [
  ...new Set([...COMMUNE_LINK_PROPOSERS, ...COMMUNE_LINK_DECIDERS, ...AUDITOR_AND_LEADERSHIP]),
] as Role[];

export const CommuneProposalKindSchema = z.enum(['APPOINTMENT', 'REASSIGNMENT']);
export type CommuneProposalKind = z.infer<typeof CommuneProposalKindSchema>;

/** A reassignment's ground: the commune committee's request for another monitor (its comment form), or another. */
export const ReassignmentGroundSchema = z.enum(['COMMUNE_REQUEST', 'OTHER']);
export type ReassignmentGround = z.infer<typeof ReassignmentGroundSchema>;

/** The Standing Committee's register of decisions offered when a form names none ("5-QĐ/TU"). */
export const STANDING_COMMITTEE_REGISTER = 'QĐ/TU';

export type CommuneLinkRule =
  | 'PROGRAMME_NOT_DECIDED_BY_STANDING_COMMITTEE'
  | 'AREA_KIND_NOT_OF_PROGRAMME'
  | 'AREA_NOT_IN_FORCE'
  | 'MEMBER_NOT_A_LEADER'
  | 'LEADER_NOT_IN_FORCE'
  | 'COMMUNE_ALREADY_MONITORED'
  | 'LINK_NOT_IN_FORCE'
  | 'SAME_LEADER'
  | 'LINK_STARTS_LATER';

export interface CommuneLinkFacts {
  /** The day the link would start. */
  day: IsoDay;
  programme: { decidedBy: string; areaKinds: readonly string[] };
  area: { kind: string; validFrom: IsoDay | null; validUntil: IsoDay | null };
  member: { from: IsoDay; until: IsoDay | null; roles: readonly Role[] };
  /** The programme's links of this commune in force on the day, but the one a reassignment ends. */
  otherLinksInForce: readonly { id: string; memberId: string }[];
  /** The link a reassignment ends, and the member proposed to follow. */
  ending?: { memberId: string; from: IsoDay; until: IsoDay | null; proposedMemberId: string } | undefined;
}

export interface CommuneLinkRefusal {
  rule: CommuneLinkRule;
  field: string;
  message: string;
}

const inForce = (from: IsoDay | null, until: IsoDay | null, day: IsoDay) =>
  (from === null || from <= day) && (until === null || until >= day);

/** The first rule the proposed link breaks on its day, or null when it may be made. */
export function communeLinkRefusal(facts: CommuneLinkFacts): CommuneLinkRefusal | null {
  const { day } = facts;
  if (facts.programme.decidedBy !== 'STANDING_COMMITTEE')
    return {
      rule: 'PROGRAMME_NOT_DECIDED_BY_STANDING_COMMITTEE',
      field: 'programmeId',
      message: "The programme's appointments are decided by Board leadership, not the Standing Committee",
    };
  if (!facts.programme.areaKinds.includes(facts.area.kind))
    return {
      rule: 'AREA_KIND_NOT_OF_PROGRAMME',
      field: 'areaId',
      message: `The area is a ${facts.area.kind}; the programme monitors ${facts.programme.areaKinds.join(', ')}`,
    };
  if (!inForce(facts.area.validFrom, facts.area.validUntil, day))
    return { rule: 'AREA_NOT_IN_FORCE', field: 'areaId', message: `The area is not in force on ${day}` };
  if (!facts.member.roles.includes('AGENCY_LEADER'))
    return {
      rule: 'MEMBER_NOT_A_LEADER',
      field: 'memberId',
      message: "The member is not one of the agency's leaders (the account holds no AGENCY_LEADER)",
    };
  if (!inForce(facts.member.from, facts.member.until, day))
    return {
      rule: 'LEADER_NOT_IN_FORCE',
      field: 'memberId',
      message: `The leader is not a member of the agency on ${day}`,
    };
  const ending = facts.ending;
  if (ending) {
    if (!inForce(null, ending.until, day))
      return { rule: 'LINK_NOT_IN_FORCE', field: 'linkId', message: `The link has ended before ${day}` };
    if (ending.from >= day)
      return {
        rule: 'LINK_STARTS_LATER',
        field: 'from',
        message: `The link runs from ${ending.from}: a reassignment takes effect after that day`,
      };
    if (ending.proposedMemberId === ending.memberId)
      return { rule: 'SAME_LEADER', field: 'memberId', message: 'The commune goes to another leader, not the same' };
  }
  const held = facts.otherLinksInForce[0];
  if (held)
    return {
      rule: 'COMMUNE_ALREADY_MONITORED',
      field: 'areaId',
      message: `The commune is monitored under the programme on ${day} (link ${held.id})`,
    };
  return null;
}
