/** The reorganisation routes' bodies (the same for the preview and the record); answers in contracts/reorganisations.ts. */
import { z } from 'zod';
import { AreaKind, AreaLevel, ReorganizationKind } from '../../prisma/database';
import { DaySchema } from '../../machines/day';

const id = z.string().trim().min(1).max(200);

const NewUnitSchema = z.strictObject({
  code: z.string().trim().min(1).max(50),
  officialCode: z.string().trim().min(1).max(10).nullable().default(null),
  name: z.string().trim().min(1).max(300),
  level: z.enum(AreaLevel).nullable().default(null),
  kind: z.enum(AreaKind),
  parentId: id.nullable().default(null),
});

export const SettlementBodySchema = z.strictObject({
  /** The assignment leadership decided on the unit (as any appointment); null closes the proposal without one. */
  assignmentId: id.nullable(),
  comment: z.string().trim().max(2_000).default(''),
});

export const ReorganizationBodySchema = z.strictObject({
  kind: z.enum(ReorganizationKind),
  /** The resolution or decision it rests on: its number and date. */
  legalBasis: z.strictObject({ number: z.string().trim().min(1).max(200), date: DaySchema }),
  /** The first day of the new map (a Vietnam day); units that cease end the day before. */
  effectiveOn: DaySchema,
  /** The units before; `whole: false` for one that gives a part and continues (a split in part, a boundary move). */
  predecessors: z
    .array(z.strictObject({ areaId: id, whole: z.boolean().default(true) }))
    .max(50)
    .default([]),
  /** The units it creates, named from the effective day. */
  successors: z.array(NewUnitSchema).max(50).default([]),
  /** A rename's new name, from the effective day. */
  newName: z.string().trim().min(1).max(300).nullable().default(null),
  note: z.string().trim().max(2_000).default(''),
});
