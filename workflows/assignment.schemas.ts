/**
 * The assignment updates' argument schemas: pure zod, no Temporal import, so the web application validates its
 * forms with the very schemas the workflow's validators use. Re-exported by assignment.messages.ts.
 */
import { z } from 'zod';
import { ActorSchema } from '../machines/actor';
import { DaySchema } from '../machines/day';
import { DECISION_NUMBER_FORMAT, isDecisionNumber } from '../machines/decision-number';

const IsoDaySchema = DaySchema;

export const WrittenDecisionSchema = z.strictObject({
  /** "<number>-<register>", e.g. 12-QĐ/BTCTU: its place in the register (machines/decision-number.ts). */
  number: z
    .string()
    .trim()
    .min(1, 'the decision number is required')
    .max(100)
    .refine((number) => number === '' || isDecisionNumber(number), DECISION_NUMBER_FORMAT)
    // The same form for the OpenAPI document, in the regex dialect every client reads (letters as Latin ranges).
    .meta({
      pattern: '^0*[1-9][0-9]{0,5}-[0-9A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ]+(?:[/.\\-][0-9A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ]+)+$',
      description: 'The decision\'s number in its register: "<number>-<register>", e.g. 12-QĐ/BTCTU',
    }),
  issuedOn: IsoDaySchema,
  signerId: z.string().min(1),
  summary: z.string().trim().max(2_000).optional(),
});

export const ApproveArgsSchema = z.strictObject({
  actor: ActorSchema,
  decision: WrittenDecisionSchema,
  comment: z.string().trim().max(5_000).optional(),
  /** Leadership may name another successor than the one proposed. */
  successorOfficialId: z.string().min(1).optional(),
  /** When the successor takes over; defaults to the day of the decision. */
  successorEffectiveFrom: IsoDaySchema.optional(),
  /** Rotation: the area the rotated official moves to, started as a new assignment under the same decision. */
  officialNextAreaId: z.string().min(1).optional(),
});
export type ApproveArgs = z.infer<typeof ApproveArgsSchema>;

export const RejectArgsSchema = z.strictObject({
  actor: ActorSchema,
  comment: z.string().trim().min(1, 'a rejection needs its reason').max(5_000),
});
export type RejectArgs = z.infer<typeof RejectArgsSchema>;

export const WithdrawArgsSchema = z.strictObject({ actor: ActorSchema });
export type WithdrawArgs = z.infer<typeof WithdrawArgsSchema>;

const GroundSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('VERIFIED_COMPLAINT'), complaintId: z.string().min(1) }),
  z.strictObject({ kind: z.literal('NOT_COMPLETED_RATING'), year: z.number().int() }),
  z.strictObject({ kind: z.literal('POSITION_CHANGED'), note: z.string() }),
  z.strictObject({ kind: z.literal('AREA_PROPOSED_REPLACEMENT'), year: z.number().int() }),
]);

const reason = z.string().trim().min(1, 'a proposal needs its reason').max(5_000);

/** A reassignment at the Board's request rests on no established ground: its written reason is what the decision cites. */
export const BOARD_REASSIGNMENT_REASON_MIN_LENGTH = 20;
const boardReason = z
  .string({ error: "a reassignment at the Board's request needs its written reason" })
  .trim()
  .min(
    BOARD_REASSIGNMENT_REASON_MIN_LENGTH,
    `a reassignment at the Board's request needs its written reason, at least ${BOARD_REASSIGNMENT_REASON_MIN_LENGTH} characters (Đ4.2)`,
  )
  .max(5_000);

export const ProposeArgsSchema = z.strictObject({
  actor: ActorSchema,
  proposal: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('ROTATION'), successorOfficialId: z.string().min(1), reason }),
    z.strictObject({
      kind: z.literal('EARLY_REASSIGNMENT'),
      ground: GroundSchema,
      successorOfficialId: z.string().min(1),
      reason,
    }),
    /** Đ4.2 "theo yêu cầu nhiệm vụ của Cơ quan": at any time, without a ground, on a written reason; names the successor. */
    z.strictObject({
      kind: z.literal('BOARD_REASSIGNMENT'),
      successorOfficialId: z.string().min(1),
      reason: boardReason,
    }),
    /** A closure ends the assignment and names no successor: a reassignment is a BOARD_REASSIGNMENT. */
    z.strictObject({
      kind: z.literal('CLOSURE'),
      closureReason: z.enum(['RETIRED', 'REVOKED', 'POSITION_CHANGED']),
      successorOfficialId: z
        .never({
          error:
            "a closure names no successor; to reassign the area at the Board's request, propose a BOARD_REASSIGNMENT",
        })
        .optional(),
      reason,
    }),
  ]),
});
export type ProposeArgs = z.infer<typeof ProposeArgsSchema>;

/** A change of the official's position is reported by leadership, a department head or an administrator. */
export const ReportPositionChangeArgsSchema = z.strictObject({
  actor: ActorSchema,
  note: z.string().trim().min(1, 'describe the position change').max(2_000),
});
export type ReportPositionChangeArgs = z.infer<typeof ReportPositionChangeArgsSchema>;
