/**
 * The generated Prisma types, from one place: nothing else imports from generated/.
 * They come from the SQLite client; the PostgreSQL client is generated from the same models,
 * so its model types and enums are identical.
 */
export * from '../generated/prisma/sqlite/enums';
export { Prisma } from '../generated/prisma/sqlite/client';
export type {
  PrismaClient,
  AnnualEvaluation,
  ApprovalDecision,
  ApprovalRequest,
  Area,
  Assignment,
  AuditEvent,
  Complaint,
  ComplaintVerification,
  Deadline,
  Decision,
  Department,
  Escalation,
  GroupMembership,
  MonitoringGroup,
  MonthlyPlan,
  MonthlyReport,
  NonWorkingDay,
  Official,
  OutboxMessage,
  ReservedOpinion,
  Session,
  IdempotencyRecord,
  User,
  UserRole,
} from '../generated/prisma/sqlite/client';
