/**
 * Monitoring programmes and their rules as versioned data: the list, a programme with its versions, the preview of a
 * draft version (what it changes against the version it follows, which running assignments it reaches) and its
 * publication from a day. The administrator and Board leadership publish; Board staff read.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Role } from '../../machines/actor';
import { LEADERSHIP } from '../../machines/roles';
import { listProgrammes, programmeDetail } from '../../domain/programmes/reads';
import { previewVersion, publishVersion } from '../../domain/programmes/writes';
import {
  ProgrammeDetailSchema,
  ProgrammeSummarySchema,
  ProgrammeVersionSchema,
  VersionPreviewSchema,
} from '../../contracts/programmes';
import { principal, STAFF_ROLES } from '../auth/plugin';
import type { RouteDeps } from '../deps';
import { keyedUuid } from '../keyed-ids';
import { IdParamsSchema } from '../params';
import type { ZodTypeProvider } from '../zod-provider';
import { VersionBodySchema } from './schemas';
import { z } from 'zod';

const PUBLISHERS: readonly Role[] = ['ADMINISTRATOR', ...LEADERSHIP];
const REFUSALS =
  '400 names the field out of range. 422 `RuleViolated` names the rule (`rule`) and the field (`field`): a version at odds with the cadence of its programme (YEARLY_CADENCE_REQUIRED: a yearly programme needs `policy.yearly`; YEARLY_CADENCE_NOT_IN_PROGRAMME: a monthly programme has none), at odds with itself (ROTATION_MANDATORY_BEFORE_ELIGIBLE, PLAN_DUE_OUTSIDE_MONTH, PLAN_REMINDER_BEFORE_MONTH, MONTHLY_ESCALATION_AFTER_CLOSING, EVALUATION_REQUEST_DAY_NOT_IN_YEAR, EVALUATION_REMINDER_BEFORE_REQUEST, COMPLAINT_REMINDER_BEFORE_LODGING, MEETING_ESCALATION_BEFORE_REMINDER, MEETING_REPORT_ESCALATION_AFTER_CLOSING), or its day and label (EFFECTIVE_DATE_IN_PAST, VERSION_IN_EFFECT_IMMUTABLE: a version in force never changes, a correction is a new version from a later day; VERSION_DAY_TAKEN, VERSION_LABEL_TAKEN).';

export const programmeRoutes: FastifyPluginAsync<RouteDeps> = async (fastify, deps) => {
  const { prisma } = deps;
  const db = { prisma, provider: deps.provider };
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['programmes'];

  app.get(
    '/programmes',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags,
        summary: 'The monitoring programmes, each with the version of its rules in force today',
        response: { 200: z.array(ProgrammeSummarySchema) },
      },
    },
    async () => listProgrammes(prisma),
  );

  app.get(
    '/programmes/:id',
    {
      config: { roles: STAFF_ROLES },
      schema: {
        tags,
        summary: 'A programme with its versions over time (past, in force, pending), each with its whole policy',
        params: IdParamsSchema,
        response: { 200: ProgrammeDetailSchema },
      },
    },
    async (request) => programmeDetail(prisma, request.params.id),
  );

  app.post(
    '/programmes/:id/versions/preview',
    {
      config: { roles: PUBLISHERS },
      schema: {
        tags,
        summary: 'What a draft version would change, field by field, and which running assignments it reaches',
        description: `Writes nothing; the same checks as publishing. ${REFUSALS}`,
        params: IdParamsSchema,
        body: VersionBodySchema,
        response: { 200: VersionPreviewSchema },
      },
    },
    async (request) => previewVersion(db, request.params.id, request.body),
  );

  app.post(
    '/programmes/:id/versions',
    {
      config: { roles: PUBLISHERS },
      schema: {
        tags,
        summary: "Publishes a version of the programme's rules, in force from its day",
        description: `From its day, each new step of the programme's running assignments (a month's deadlines, a complaint's verification, a meeting's approval window) follows it; a step already scheduled keeps its date. Audited (PROGRAMME_VERSION_PUBLISHED). Idempotent under its Idempotency-Key. ${REFUSALS}`,
        params: IdParamsSchema,
        body: VersionBodySchema,
        response: { 201: ProgrammeVersionSchema },
      },
    },
    async (request, reply) => {
      const versionId = `version-${keyedUuid('programme-version', request)}`;
      const version = await publishVersion(db, principal(request), versionId, request.params.id, request.body);
      return reply.code(201).send(version);
    },
  );
};
