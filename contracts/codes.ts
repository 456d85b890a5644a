/**
 * The database's codes the answers carry, as zod enums. contracts/ is read by the browser and may not import the
 * Prisma client, so the values are written here, each object typed by the union it spells (a value missing or
 * unknown fails tsc); api/directory-views.ts holds each equal to the database's enum.
 */
import { z } from 'zod';
import { RATINGS } from '../machines/annual-evaluation.machine';
import { RoleSchema } from '../machines/roles';
import type { AreaKind, ClosureReason, EscalationTarget, ProposalKind } from '../labels/keys';

export { RoleSchema };

/** Every value of the union `U`, each once: `z.enum` takes it as it takes a Prisma enum object. */
type EnumOf<U extends string> = { readonly [K in U]: K };

const AREA_KINDS: EnumOf<AreaKind> = {
  DISTRICT: 'DISTRICT',
  TOWN: 'TOWN',
  CITY: 'CITY',
  PROVINCIAL_AGENCY: 'PROVINCIAL_AGENCY',
  FRONT_OR_UNION: 'FRONT_OR_UNION',
  DIRECT_PARTY_COMMITTEE: 'DIRECT_PARTY_COMMITTEE',
  CENTRAL_AGENCY: 'CENTRAL_AGENCY',
  COMMUNE: 'COMMUNE',
  WARD: 'WARD',
  COMMUNE_TOWN: 'COMMUNE_TOWN',
  PROVINCE: 'PROVINCE',
  SPECIAL_ZONE: 'SPECIAL_ZONE',
};
export const AreaKindSchema = z.enum(AREA_KINDS);

export const OfficialPositionSchema = z.enum([
  'HEAD_OF_BOARD',
  'DEPUTY_HEAD',
  'DEPARTMENT_HEAD',
  'DEPUTY_DEPARTMENT_HEAD',
  'SPECIALIST',
]);
export type OfficialPosition = z.infer<typeof OfficialPositionSchema>;

const CLOSURE_REASONS: EnumOf<ClosureReason> = {
  ROTATED: 'ROTATED',
  REASSIGNED_EARLY: 'REASSIGNED_EARLY',
  REASSIGNED_BY_BOARD: 'REASSIGNED_BY_BOARD',
  POSITION_CHANGED: 'POSITION_CHANGED',
  RETIRED: 'RETIRED',
  REVOKED: 'REVOKED',
  REJECTED: 'REJECTED',
  AREA_REORGANIZED: 'AREA_REORGANIZED',
};
export const ClosureReasonSchema = z.enum(CLOSURE_REASONS);

const ESCALATION_TARGETS: EnumOf<EscalationTarget> = {
  GROUP_LEADER: 'GROUP_LEADER',
  LEADER_IN_CHARGE: 'LEADER_IN_CHARGE',
  HEAD_OF_BOARD: 'HEAD_OF_BOARD',
};
export const EscalationTargetSchema = z.enum(ESCALATION_TARGETS);

/** An annual evaluation's rating (machines/annual-evaluation.machine.ts). */
export const RatingSchema = z.enum(RATINGS);
export type Rating = z.infer<typeof RatingSchema>;

const APPROVAL_KINDS: EnumOf<ProposalKind> = {
  APPOINTMENT: 'APPOINTMENT',
  ROTATION: 'ROTATION',
  EARLY_REASSIGNMENT: 'EARLY_REASSIGNMENT',
  BOARD_REASSIGNMENT: 'BOARD_REASSIGNMENT',
  CLOSURE: 'CLOSURE',
  MEETING_ATTENDANCE: 'MEETING_ATTENDANCE',
  AREA_SUCCESSOR: 'AREA_SUCCESSOR',
};
/** What an approval request asks leadership to decide. */
export const ApprovalKindSchema = z.enum(APPROVAL_KINDS);

export const ApprovalStatusSchema = z.enum(['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN']);
