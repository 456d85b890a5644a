import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { TASK_QUEUE } from '../workflows/task-queue';
import { addAuthHook, authRoutes } from './auth/plugin';
import { accountRoutes } from './accounts/routes';
import type { ApiDeps, RouteDeps } from './deps';
import { SessionCache } from './auth/session-cache';
import { signingKey, TokenSigner } from './auth/tokens';
import { DatabaseFaults } from './database-faults';
import { registerErrorHandling } from './errors';
import { addIdempotency } from './idempotency';
import { boundTemporalCalls } from './temporal-deadline';
import { addOpenApi } from './openapi';
import { addUploads } from './uploads';
import { agencyRoutes } from './agencies/routes';
import { agencyLeaderRoutes } from './agency-leaders/routes';
import { communeFilingRoutes } from './commune-filings/routes';
import { agencyRatingRoutes } from './agency-ratings/routes';
import { communeCommentRoutes } from './commune-comments/routes';
import { communeDecisionRoutes } from './commune-decisions/routes';
import { communeDecisionPaperRoutes } from './commune-decisions/papers';
import { approvalRoutes } from './approvals/routes';
import { assignmentImportRoutes } from './assignments/import-routes';
import { assignmentListRoutes } from './assignments/list-routes';
import { assignmentRoutes } from './assignments/routes';
import { auditLogRoutes } from './audit/log-routes';
import { auditRoutes } from './audit/routes';
import { complaintRoutes } from './complaints/routes';
import { dashboardRoutes } from './dashboard/routes';
import { decisionRoutes } from './decisions/routes';
import { paperRoutes } from './papers/routes';
import { signedDocumentRoutes } from './papers/signed';
import { directoryRoutes } from './directory/routes';
import { evaluationRoutes } from './evaluations/routes';
import { exportRoutes } from './exports/routes';
import { filingRoutes } from './filings/routes';
import { fieldTimeRoutes } from './field-time/routes';
import { groupSessionRoutes } from './group-sessions/routes';
import { healthzRoutes } from './healthz/routes';
import { meetingRoutes } from './meetings/routes';
import { monthRoutes } from './months/routes';
import { notificationRoutes } from './notifications/routes';
import { opinionRoutes } from './opinions/routes';
import { organisationRoutes } from './organisation/routes';
import { areaRoutes } from './areas/routes';
import { reorganisationRoutes } from './reorganisations/routes';
import { programmeRoutes } from './programmes/routes';
import { reportRoutes } from './reports/routes';
import { timelineRoutes } from './timeline/routes';
import { refuseNulCharacters } from './text-guard';
import { addWebApp } from './web';
import { useZodSchemas } from './zod-provider';

const ROUTES = [
  healthzRoutes,
  assignmentImportRoutes,
  assignmentRoutes,
  assignmentListRoutes,
  filingRoutes,
  monthRoutes,
  approvalRoutes,
  decisionRoutes,
  paperRoutes,
  signedDocumentRoutes,
  timelineRoutes,
  directoryRoutes,
  organisationRoutes,
  areaRoutes,
  reorganisationRoutes,
  programmeRoutes,
  agencyRoutes,
  agencyLeaderRoutes,
  communeFilingRoutes,
  agencyRatingRoutes,
  communeCommentRoutes,
  communeDecisionRoutes,
  communeDecisionPaperRoutes,
  dashboardRoutes,
  evaluationRoutes,
  complaintRoutes,
  meetingRoutes,
  groupSessionRoutes,
  fieldTimeRoutes,
  opinionRoutes,
  notificationRoutes,
  reportRoutes,
  exportRoutes,
  auditRoutes,
  auditLogRoutes,
];

export const BODY_LIMIT_BYTES = 1024 * 1024;
export const MAX_PARAM_LENGTH = 1_000;

export interface ServerOptions extends Pick<FastifyServerOptions, 'logger'> {
  /** Signs the bearer tokens; defaults to a random key per process (see `signingKey`). */
  tokens?: TokenSigner;
  /** How long a request may wait on Temporal before it answers 504 (api/temporal-deadline.ts). */
  temporalCallBoundMs?: number;
  /** False while Temporal is known to be down: requests that need it then answer 503 at once. */
  temporalAvailable?: () => boolean;
}

export function buildServer(deps: ApiDeps, options: ServerOptions = {}): FastifyInstance {
  // Path parameters as long as their schemas admit, so a too long one is a 400 naming it rather than the router's 414.
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    logger: options.logger ?? false,
  });
  const routeDeps: RouteDeps = {
    ...deps,
    taskQueue: deps.taskQueue ?? TASK_QUEUE,
    databaseFaults: new DatabaseFaults(),
  };
  const tokens = options.tokens ?? new TokenSigner(signingKey(undefined));
  useZodSchemas(app);
  addSecurityHeaders(app);
  registerErrorHandling(app, routeDeps.databaseFaults);
  addOpenApi(app);
  addUploads(app);
  refuseNulCharacters(app);
  const sessions = new SessionCache();
  addAuthHook(app, deps.prisma, tokens, sessions);
  addIdempotency(app, deps.prisma);
  boundTemporalCalls(app, deps.temporal, {
    boundMs: options.temporalCallBoundMs,
    available: options.temporalAvailable,
  });
  void app.register(authRoutes(tokens, sessions), routeDeps);
  void app.register(accountRoutes(tokens, sessions), routeDeps);
  for (const routes of ROUTES) void app.register(routes, routeDeps);
  addWebApp(app);
  return app;
}

/**
 * Security headers on every answer (the API, /app/ and /docs): a CSP that admits only this origin's scripts (the
 * app and Swagger UI load no inline script), no framing (the approval forms must not be clickjacked), no MIME
 * sniffing. The service may run on plain HTTP inside the Board's network, so requests are not upgraded to HTTPS.
 */
function addSecurityHeaders(app: FastifyInstance): void {
  void app.register(helmet, {
    contentSecurityPolicy: {
      directives: { 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
  });
}
