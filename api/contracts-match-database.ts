/**
 * contracts/ is read by the browser and may not import the Prisma client, so it writes the database's codes out, and
 * two answers send stored rows as they are: here each is held equal to the database at compile time, so a new enum
 * value or column fails tsc until its contract has it.
 */
import type { z } from 'zod';
import type { AssignmentRecord, ApprovalRequest as ApprovalRequestAnswer } from '../contracts/assignments';
import type {
  ApprovalKindSchema,
  ApprovalStatusSchema,
  AreaKindSchema,
  ClosureReasonSchema,
  EscalationTargetSchema,
  OfficialPositionSchema,
  RatingSchema,
  RoleSchema,
} from '../contracts/codes';
import type {
  ApprovalKind,
  ApprovalRequest,
  ApprovalStatus,
  AreaKind,
  Assignment,
  ClosureReason,
  EscalationTarget,
  OfficialPosition,
  Rating,
  Role,
} from '../prisma/database';

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
/** A row as JSON.stringify sends it: dates as ISO strings. */
type Json<Row> = {
  [K in keyof Row]: Row[K] extends Date ? string : Row[K] extends Date | null ? string | null : Row[K];
};

export type _ContractsMatchTheDatabase = [
  Holds<Equal<z.infer<typeof AreaKindSchema>, AreaKind>>,
  Holds<Equal<z.infer<typeof ClosureReasonSchema>, ClosureReason>>,
  Holds<Equal<z.infer<typeof EscalationTargetSchema>, EscalationTarget>>,
  Holds<Equal<z.infer<typeof OfficialPositionSchema>, OfficialPosition>>,
  Holds<Equal<z.infer<typeof RatingSchema>, Rating>>,
  Holds<Equal<z.infer<typeof RoleSchema>, Role>>,
  Holds<Equal<z.infer<typeof ApprovalKindSchema>, ApprovalKind>>,
  Holds<Equal<z.infer<typeof ApprovalStatusSchema>, ApprovalStatus>>,
  // GET /assignments/:id sends the assignment's row.
  Holds<Equal<Json<Assignment>, AssignmentRecord>>,
  // GET /approvals/inbox sends the requests' rows; a payload is always the proposal's object.
  Holds<Equal<Omit<Json<ApprovalRequest>, 'payload'>, Omit<ApprovalRequestAnswer, 'payload'>>>,
];
