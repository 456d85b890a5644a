/**
 * Accounts: the administrator creates them with a one-time password, resets passwords, deactivates and reactivates;
 * a user changes their own password. The records are domain/accounts/; the rules machines/accounts.ts and
 * machines/password-policy.ts. Creations and resets answer a secret, so their Idempotency-Key is not stored
 * (api/idempotency.ts): a repeated creation finds its username taken (409), a repeated reset sets yet another
 * one-time password, the last one answered being the one in force.
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  AccountSchema,
  AccountWithPasswordSchema,
  AreaCommitteeImportResultSchema,
  PasswordPolicyAnswerSchema,
} from '../../contracts/accounts';
import { importAreaCommitteeUsers, MAX_ACCOUNTS_PER_FILE } from '../../domain/accounts/area-committee-import';
import { account, accountsPage } from '../../domain/accounts/reads';
import {
  changeOwnPassword,
  createAccount,
  deactivateAccount,
  reactivateAccount,
  resetPassword,
} from '../../domain/accounts/writes';
import { notFound } from '../../domain/refusal';
import { DEFAULT_PASSWORD_POLICY } from '../../machines/password-policy';
import { ANY_ROLE, LOGIN_ATTEMPTS, principal } from '../auth/plugin';
import { LoginAttempts } from '../auth/login-attempts';
import type { SessionCache } from '../auth/session-cache';
import type { TokenSigner } from '../auth/tokens';
import type { RouteDeps } from '../deps';
import { pageSchema } from '../pagination';
import { ImportFileBodySchema, uploadedFile } from '../organisation/schemas';
import { IdParamsSchema } from '../params';
import type { ZodTypeProvider } from '../zod-provider';
import {
  AccountsQuerySchema,
  ChangePasswordAnswerSchema,
  ChangePasswordBodySchema,
  CreateAccountBodySchema,
} from './schemas';

const ADMINISTRATOR = ['ADMINISTRATOR'] as const;

export function accountRoutes(tokens: TokenSigner, sessions: SessionCache): FastifyPluginAsync<RouteDeps> {
  return async (fastify, { prisma, provider }) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const db = { prisma, provider };
    // A stolen session guessing its user's password through the change: limited as logins are.
    const attempts = new LoginAttempts(LOGIN_ATTEMPTS.max, LOGIN_ATTEMPTS.timeWindow);

    app.get(
      '/admin/accounts',
      {
        config: { roles: ADMINISTRATOR },
        schema: {
          tags: ['accounts'],
          summary: 'The accounts by username, with their roles, their official or area, and whether they are active',
          querystring: AccountsQuerySchema,
          response: { 200: pageSchema(AccountSchema) },
        },
      },
      async (request) => {
        const { active, ...page } = request.query;
        return accountsPage(prisma, { active: active === undefined ? undefined : active === 'true' }, page);
      },
    );

    app.get(
      '/admin/accounts/:id',
      {
        config: { roles: ADMINISTRATOR },
        schema: {
          tags: ['accounts'],
          summary: 'One account',
          params: IdParamsSchema,
          response: { 200: AccountSchema },
        },
      },
      async (request) => {
        const found = await account(prisma, request.params.id);
        if (!found) throw notFound('account', request.params.id);
        return found;
      },
    );

    app.post(
      '/admin/accounts',
      {
        config: { roles: ADMINISTRATOR, answersSecret: true },
        schema: {
          tags: ['accounts'],
          summary: 'Create an account with a one-time password, answered once, to be changed at first login',
          description:
            'For an official (`officialId`; staff roles), an area committee (`areaId`; the role AREA_COMMITTEE alone) or an administrator (neither). 422 `RuleViolated` with `rule`: ACCOUNT_NEEDS_OFFICIAL, AREA_ACCOUNT_ROLE_ALONE, ACCOUNT_BOUND_TWICE, UNKNOWN_OFFICIAL, OFFICIAL_INACTIVE, UNKNOWN_AREA; 409 USERNAME_TAKEN or OFFICIAL_HAS_ACCOUNT. The answer is never stored: an `Idempotency-Key` is not replayed here, and a repeated request finds the username taken.',
          body: CreateAccountBodySchema,
          response: { 201: AccountWithPasswordSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await createAccount(db, principal(request), request.body)),
    );

    app.post(
      '/admin/accounts/area-committees/import',
      {
        config: { roles: ADMINISTRATOR, answersSecret: true },
        schema: {
          tags: ['accounts'],
          summary:
            "Creates the area committees' accounts from a file (CSV, or an .xlsx workbook in base64), a line per person: all or none, each with a one-time password answered once",
          description:
            'Columns: area (its code or official code), username, full_name, email (optional). Each account has the role AREA_COMMITTEE alone, bound to its area, ' +
            'and a one-time password to be changed at first login, as POST /admin/accounts makes it. Every line is checked first; one bad line refuses the file ' +
            'with 422 IMPORT_REFUSED listing each problem (line, column, rule, message: REQUIRED, INVALID_USERNAME, USERNAME_TAKEN, UNKNOWN_AREA, INVALID_EMAIL, ' +
            `DUPLICATE_ROW, TOO_MANY_ACCOUNTS past ${MAX_ACCOUNTS_PER_FILE} lines); past a bound, 413 IMPORT_TOO_LARGE. A username on record for the same area's committee is reported as ` +
            'already present, without a new password (a reset gives one): the same file again writes nothing. The answer is never stored: an `Idempotency-Key` is not replayed here.',
          body: ImportFileBodySchema,
          response: { 200: AreaCommitteeImportResultSchema },
        },
      },
      async (request) => importAreaCommitteeUsers(db, principal(request), uploadedFile(request.body)),
    );

    app.post(
      '/admin/accounts/:id/reset-password',
      {
        config: { roles: ADMINISTRATOR, answersSecret: true },
        schema: {
          tags: ['accounts'],
          summary: "Reset the password to a one-time one, answered once; the account's sessions end at once",
          description:
            'The user must change it at their next login. A deactivated account stays deactivated. Each call sets a new one-time password: the last one answered is in force.',
          params: IdParamsSchema,
          response: { 200: AccountWithPasswordSchema },
        },
      },
      async (request) => resetPassword(db, principal(request), request.params.id),
    );

    app.post(
      '/admin/accounts/:id/deactivate',
      {
        config: { roles: ADMINISTRATOR },
        schema: {
          tags: ['accounts'],
          summary: 'Deactivate the account: it cannot log in, and its sessions end at once on every API process',
          description:
            '422 `RuleViolated` OWN_ACCOUNT: not one’s own (so an administrator always remains). Already deactivated: answered as it is.',
          params: IdParamsSchema,
          response: { 200: AccountSchema },
        },
      },
      async (request) => deactivateAccount(db, principal(request), request.params.id),
    );

    app.post(
      '/admin/accounts/:id/reactivate',
      {
        config: { roles: ADMINISTRATOR },
        schema: {
          tags: ['accounts'],
          summary: 'Reactivate a deactivated account; it logs in with the password it had (reset it to give a new one)',
          params: IdParamsSchema,
          response: { 200: AccountSchema },
        },
      },
      async (request) => reactivateAccount(db, principal(request), request.params.id),
    );

    app.get(
      '/me/password/policy',
      {
        config: { roles: ANY_ROLE, duringPasswordChange: true },
        schema: {
          tags: ['accounts'],
          summary: 'What a new password must be (length, letters, digits)',
          response: { 200: PasswordPolicyAnswerSchema },
        },
      },
      async () => DEFAULT_PASSWORD_POLICY,
    );

    app.post(
      '/me/password',
      {
        config: { roles: ANY_ROLE, duringPasswordChange: true, answersSecret: true },
        schema: {
          tags: ['accounts'],
          summary: "Change one's own password; answers a new token, every earlier session of the account ends",
          description: `422 \`RuleViolated\` with \`rule\`: CURRENT_PASSWORD_WRONG, or the policy's (PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, PASSWORD_NEEDS_LETTER, PASSWORD_NEEDS_DIGIT, PASSWORD_CONTAINS_USERNAME, PASSWORD_UNCHANGED; see GET /me/password/policy). At most ${LOGIN_ATTEMPTS.max} wrong current passwords a minute (429).`,
          body: ChangePasswordBodySchema,
          response: { 200: ChangePasswordAnswerSchema },
        },
      },
      async (request) => {
        const who = principal(request);
        const key = `password-change|${who.userId}`;
        attempts.begin(key);
        let wrong = false;
        try {
          const issued = tokens.issue(who.userId);
          await changeOwnPassword(db, who, request.body, {
            id: issued.claims.jti,
            expiresAt: new Date(issued.claims.exp),
          }).catch((error: unknown) => {
            wrong = (error as { extra?: { rule?: string } }).extra?.rule === 'CURRENT_PASSWORD_WRONG';
            throw error;
          });
          sessions.forget(request.tokenId!);
          return {
            token: issued.token,
            tokenType: 'Bearer' as const,
            expiresAt: new Date(issued.claims.exp).toISOString(),
          };
        } finally {
          if (!wrong) attempts.forgive(key);
        }
      },
    );
  };
}
