import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Role, RoleSchema } from '../../machines/actor';
import { STAFF } from '../../machines/roles';
import type { PrismaClient } from '../../prisma/database';
import { Refusal } from '../errors';
import type { ApiDeps } from '../deps';
import type { ZodTypeProvider } from '../zod-provider';
import { principalOf, type Principal } from '../../domain/auth/principal';
import { openSession, revokeSession, sessionIsLive } from '../../domain/auth/sessions';
import { type LoginUser, loginUserOf } from '../../domain/auth/users';
import { LoginAttempts } from './login-attempts';
import { hashPassword, verifyPassword } from '../../prisma/password';
import type { SessionCache } from './session-cache';
import type { TokenSigner } from './tokens';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed to call the route; absent means public. */
    roles?: readonly Role[];
    /** The route answers a session whose password must be changed first (the profile, the change itself, logout). */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
    tokenId?: string;
  }
}

/** Everyone who logs in, for routes any authenticated user may call. */
export const ANY_ROLE: readonly Role[] = RoleSchema.options;
/** Board staff: everyone but those outside the Board (area committees, the agencies' people, the Standing Committee). */
export const STAFF_ROLES: readonly Role[] = STAFF;

const unauthorized = (message: string) => new Refusal(401, 'UNAUTHENTICATED', message);

let dummyHash: Promise<string> | undefined;
/** A hash no password matches, at the recommended cost, made once per process. */
const dummyPasswordHash = () => (dummyHash ??= hashPassword(randomBytes(32).toString('hex')));

/** The principal of an authenticated request; only for routes that declare roles. */
export function principal(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`${request.routeOptions.url} declares no roles, so it has no principal`);
  return request.principal;
}

/**
 * Authenticates and authorizes every route that declares `config.roles`. Added before the routes are registered.
 * On request, before the body is read: an anonymous caller cannot make us parse a megabyte of JSON.
 */
export function addAuthHook(
  app: FastifyInstance,
  prisma: PrismaClient,
  tokens: TokenSigner,
  sessions: SessionCache,
): void {
  app.addHook('onRequest', async (request) => {
    const allowed = request.routeOptions.config.roles;
    if (!allowed) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
    if (!match) throw unauthorized('A bearer token is required (Authorization: Bearer <token>)');
    const claims = tokens.verify(match[1]!);
    if (!claims) throw unauthorized('The token is invalid or expired');
    // Read on every request, on whichever process: a logout, a deactivation or a password reset ends the session at once.
    if (!(await sessionIsLive(prisma, claims.jti, claims.sub))) throw unauthorized('The token has been revoked');
    let found = sessions.get(claims.jti);
    if (found && found.userId !== claims.sub) found = undefined;
    if (!found) {
      found = (await principalOf(prisma, claims.sub)) ?? undefined;
      if (!found) throw unauthorized('The user no longer exists or is inactive');
      sessions.set(claims.jti, found);
    }
    if (found.mustChangePassword && !request.routeOptions.config.duringPasswordChange) {
      throw new Refusal(
        403,
        'PASSWORD_CHANGE_REQUIRED',
        'The password was set by an administrator: choose your own first (POST /me/password)',
        { changeAt: '/me/password' },
      );
    }
    if (!allowed.some((role) => found.actor.roles.includes(role))) {
      throw new Refusal(
        403,
        'FORBIDDEN',
        `Requires the role ${allowed.join(' or ')}; you have ${found.actor.roles.join(', ')}`,
        {
          requiredRoles: allowed,
        },
      );
    }
    request.principal = found;
    request.tokenId = claims.jti;
  });
}

const LoginBodySchema = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1_000),
});

/** Password guessing: wrong passwords per username and client address in a window, then 429 with Retry-After. */
export const LOGIN_ATTEMPTS = { max: 10, timeWindow: 60_000 } as const;

const LoginResponseSchema = z.object({
  token: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: z.iso.datetime(),
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    actorId: z.string(),
    areaId: z.string().nullable(),
    /** The password is a one-time one: the token reaches only /me, POST /me/password and logout until it is changed. */
    mustChangePassword: z.boolean(),
  }),
});

/** `POST /auth/login`, `POST /auth/logout`. */
export function authRoutes(tokens: TokenSigner, sessions: SessionCache): FastifyPluginAsync<ApiDeps> {
  return async (fastify, { prisma }) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const attempts = new LoginAttempts(LOGIN_ATTEMPTS.max, LOGIN_ATTEMPTS.timeWindow);

    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: `Logs in; the bearer token expires after 8 hours. At most ${LOGIN_ATTEMPTS.max} wrong passwords a minute per username and address.`,
          description:
            'With `user.mustChangePassword` (a one-time password an administrator set), the token reaches only `GET /me`, `POST /me/password` and `POST /auth/logout`; every other route answers 403 `PASSWORD_CHANGE_REQUIRED`.',
          body: LoginBodySchema,
          response: { 200: LoginResponseSchema },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const attemptKey = `${request.ip}|${body.username.toLowerCase()}`;
        attempts.begin(attemptKey);
        const wrong = (): never => {
          wrongCredentials = true;
          throw unauthorized('Wrong username or password');
        };
        let wrongCredentials = false;
        let session: { user: LoginUser; found: Principal };
        let issued: ReturnType<TokenSigner['issue']>;
        try {
          const user = await loginUserOf(prisma, body.username);
          // One answer, in the same time, for an unknown user and a wrong password, so logins cannot list usernames:
          // an unknown or inactive user's password is checked against a dummy hash of the same cost.
          const stored = user?.active ? user.passwordHash : await dummyPasswordHash();
          if (!(await verifyPassword(body.password, stored)) || !user?.active) wrong();
          const found = (await principalOf(prisma, user!.id)) ?? wrong();
          issued = tokens.issue(user!.id);
          await openSession(prisma, {
            id: issued.claims.jti,
            userId: user!.id,
            expiresAt: new Date(issued.claims.exp),
          });
          session = { user: user!, found };
        } finally {
          if (!wrongCredentials) attempts.forgive(attemptKey);
        }
        const { user, found } = session;
        const { token, claims } = issued;
        return reply.code(200).send({
          token,
          tokenType: 'Bearer',
          expiresAt: new Date(claims.exp).toISOString(),
          user: {
            id: user.id,
            username: user.username,
            displayName: user.displayName,
            roles: found.actor.roles,
            actorId: found.actor.id,
            areaId: found.actor.areaId ?? null,
            mustChangePassword: found.mustChangePassword ?? false,
          },
        });
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { roles: ANY_ROLE, duringPasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'Revokes the token',
          response: { 204: { type: 'null', description: 'The token is revoked' } },
        },
      },
      async (request, reply) => {
        await revokeSession(prisma, request.tokenId!);
        sessions.forget(request.tokenId!);
        return reply.code(204).send();
      },
    );
  };
}
