/**
 * The cross-workflow signals' argument schemas: pure zod, no Temporal import, so the route that sends a signal checks
 * its arguments with the very schema the receiving workflow trusts. Re-exported by cross-workflow.messages.ts.
 */
import { z } from 'zod';
import { DaySchema } from '../machines/day';

/**
 * A reorganisation that touches an assignment's area, from its effective day (a Vietnam day): the area ceases (merged,
 * split whole, dissolved) and the assignment closes on that day, or it continues (renamed, boundary moved) and the
 * assignment keeps running.
 */
export const AreaReorganizedArgsSchema = z.strictObject({
  reorganizationId: z.string().min(1),
  effectiveOn: DaySchema,
  outcome: z.enum(['CEASES', 'CONTINUES']),
  successorAreaIds: z.array(z.string().min(1)).max(50),
});
export type AreaReorganizedArgs = z.infer<typeof AreaReorganizedArgsSchema>;

/**
 * Leadership settled a new unit's successor proposal with an assignment of an official who monitored a predecessor:
 * the assignment counts its years for rotation from the predecessor assignment's start (`servedFrom`).
 */
export const YearsServedCarriedArgsSchema = z.strictObject({
  servedFrom: DaySchema,
  fromAssignmentId: z.string().min(1),
  proposalId: z.string().min(1),
});
export type YearsServedCarriedArgs = z.infer<typeof YearsServedCarriedArgsSchema>;

/** What an assignment whose area ceased tells its open months: they close on that day, charged to no one. */
export interface AreaCeasedArgs {
  reorganizationId: string;
  effectiveOn: string;
  /** The units that take the area over: a pending evaluation passes to the committee of the only one. */
  successorAreaIds?: string[] | undefined;
}
