import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { dayOf } from '../../machines/calendar';
import { DEFAULT_REGISTER, formatDecisionNumber, RegisterSchema } from '../../machines/decision-number';
import { LEADERSHIP, LEADERSHIP_AND_AUDITOR } from '../../machines/roles';
import type { Prisma } from '../../prisma/database';
import type { RouteDeps } from '../deps';
import { nextDecisionSequence } from '../decisions/register';
import { pageArgs, pageQuery, pageSchema, toPage } from '../pagination';
import type { ZodTypeProvider } from '../zod-provider';

const YearSchema = z.coerce.number().int().min(2000).max(2100);
const thisYear = () => Number(dayOf(Date.now()).slice(0, 4));

const NextNumberQuerySchema = z.strictObject({
  /** The register, e.g. QĐ/BTCTU (the default). */
  register: RegisterSchema.default(DEFAULT_REGISTER),
  /** The year the decision will be issued; this year in Vietnam by default. */
  year: YearSchema.optional(),
});

const NextNumberSchema = z.object({
  register: z.string(),
  year: z.number().int(),
  sequence: z.number().int(),
  /** Ready to write on the decision, e.g. "13-QĐ/BTCTU". */
  number: z.string(),
});

const RegisterQuerySchema = z.strictObject({
  ...pageQuery,
  register: RegisterSchema.optional(),
  year: YearSchema.optional(),
});

const DecisionEntrySchema = z.object({
  id: z.string(),
  number: z.string(),
  /** Null for a decision recorded before the register (or outside it). */
  register: z.string().nullable(),
  year: z.number().int().nullable(),
  sequence: z.number().int().nullable(),
  issuedOn: z.string(),
  kind: z.string(),
  summary: z.string(),
  signer: z.object({ id: z.string(), fullName: z.string() }),
  /** The assignment whose approval took the number. */
  assignmentId: z.string().nullable(),
  /** RESERVED while its approval is on its way to the workflow; ISSUED once recorded. */
  status: z.enum(['RESERVED', 'ISSUED']),
});

const entrySelect = {
  id: true,
  number: true,
  register: true,
  year: true,
  sequence: true,
  issuedOn: true,
  kind: true,
  summary: true,
  heldByAssignmentId: true,
  reservedAt: true,
  signer: { select: { id: true, fullName: true } },
} as const satisfies Prisma.DecisionSelect;

type EntryRow = Prisma.DecisionGetPayload<{ select: typeof entrySelect }>;

const entry = (row: EntryRow): z.infer<typeof DecisionEntrySchema> => ({
  id: row.id,
  number: row.number,
  register: row.register,
  year: row.year,
  sequence: row.sequence,
  issuedOn: row.issuedOn.toISOString().slice(0, 10),
  kind: row.kind,
  summary: row.summary,
  signer: row.signer,
  assignmentId: row.heldByAssignmentId,
  status: row.reservedAt ? 'RESERVED' : 'ISSUED',
});

/**
 * The register of written decisions (issue 11, point 4): the next free number for the leader's approval form, and the
 * register itself for leadership and the auditor (Đ13.3).
 */
export const decisionRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, { prisma }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/decisions/next-number',
    {
      config: { roles: LEADERSHIP },
      schema: {
        tags: ['decisions'],
        summary: "The next free number of a register this year (or in `year`), for the approval form's decision",
        querystring: NextNumberQuerySchema,
        response: { 200: NextNumberSchema },
      },
    },
    async (request) => {
      const { register } = request.query;
      const year = request.query.year ?? thisYear();
      const sequence = await nextDecisionSequence(prisma, register, year);
      return { register, year, sequence, number: formatDecisionNumber(sequence, register) };
    },
  );

  app.get(
    '/decisions',
    {
      config: { roles: LEADERSHIP_AND_AUDITOR },
      schema: {
        tags: ['decisions'],
        summary: 'The register of written decisions: by register and year, newest number first',
        querystring: RegisterQuerySchema,
        response: { 200: pageSchema(DecisionEntrySchema) },
      },
    },
    async (request) => {
      const { limit, register, year } = request.query;
      const rows = await prisma.decision.findMany({
        where: { ...(register && { register }), ...(year && { year }) },
        orderBy: [{ year: 'desc' }, { register: 'asc' }, { sequence: 'desc' }, { id: 'desc' }],
        ...pageArgs(request.query),
        select: entrySelect,
      });
      return toPage(rows, limit, entry);
    },
  );
};
