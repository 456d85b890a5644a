/**
 * The accounts' audited writes: an administrator creates an account with a one-time password, resets a password (again
 * one-time), deactivates and reactivates an account; a user changes their own password. Each is one transaction with
 * its audit row (recordOnce). A deactivation, a reset and a change end the account's live sessions in that transaction
 * (revokeAllSessions), so its tokens are refused at their next request. Neither a password nor its hash ever enters an
 * audit payload.
 */
import { randomUUID } from 'node:crypto';
import { accountBindingRule } from '../../machines/accounts';
import type { Role } from '../../machines/actor';
import { brokenPasswordRule, DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../../machines/password-policy';
import { RULE_VIOLATED } from '../../machines/rules';
import type { Database } from '../../prisma/database';
import { hashPassword, verifyPassword } from '../../prisma/password';
import { recordOnce } from '../audit/log';
import { revokeAllSessions } from '../auth/sessions';
import type { Caller } from '../caller';
import { notFound, Refusal } from '../refusal';
import { type Account, account } from './reads';
import { oneTimePassword } from './one-time-password';

export const ACCOUNT_CREATED = 'ACCOUNT_CREATED';
export const PASSWORD_RESET = 'PASSWORD_RESET';
export const ACCOUNT_DEACTIVATED = 'ACCOUNT_DEACTIVATED';
export const ACCOUNT_REACTIVATED = 'ACCOUNT_REACTIVATED';
export const PASSWORD_CHANGED = 'PASSWORD_CHANGED';

type Db = Pick<Database, 'prisma' | 'provider'>;

/** Who acts: a request's caller, or the administrator's command on the server (`npm run admin`), named as such. */
export type AccountActor = Caller | { command: string };
const actorIdOf = (by: AccountActor) => ('command' in by ? by.command : by.actor.id);
const userIdOf = (by: AccountActor) => ('command' in by ? null : by.userId);

const ruleViolated = (rule: string, message: string, extra: Record<string, unknown> = {}) =>
  new Refusal(422, RULE_VIOLATED, message, { rule, ...extra });

export interface NewAccount {
  username: string;
  displayName?: string | undefined;
  roles: Role[];
  officialId?: string | undefined;
  areaId?: string | undefined;
  email?: string | undefined;
}

/** Creates the account with a one-time password, answered once and never stored but as its hash. */
export async function createAccount(
  db: Db,
  by: AccountActor,
  input: NewAccount,
): Promise<{ account: Account; oneTimePassword: string }> {
  const { prisma } = db;
  const roles = [...new Set(input.roles)];
  const binding = accountBindingRule(roles, input);
  if (binding) throw ruleViolated(binding.rule, binding.message);
  if (await prisma.user.findUnique({ where: { username: input.username }, select: { id: true } }))
    throw usernameTaken(input.username);
  let displayName = input.displayName;
  if (input.officialId !== undefined) {
    const official = await prisma.official.findUnique({
      where: { id: input.officialId },
      select: { fullName: true, active: true, user: { select: { username: true } } },
    });
    if (!official) throw ruleViolated('UNKNOWN_OFFICIAL', `Official ${input.officialId} does not exist`);
    if (!official.active) throw ruleViolated('OFFICIAL_INACTIVE', `Official ${input.officialId} is no longer active`);
    if (official.user)
      throw new Refusal(
        409,
        'OFFICIAL_HAS_ACCOUNT',
        `Official ${input.officialId} already has the account ${official.user.username}`,
        {
          username: official.user.username,
        },
      );
    displayName ??= official.fullName;
  }
  if (
    input.areaId !== undefined &&
    !(await prisma.area.findUnique({ where: { id: input.areaId }, select: { id: true } }))
  )
    throw ruleViolated('UNKNOWN_AREA', `Area ${input.areaId} does not exist`);
  if (displayName === undefined)
    throw new Refusal(400, 'INVALID_INPUT', 'The request is invalid', {
      issues: [{ path: 'displayName', message: 'required for an account that is not an official’s' }],
    });

  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const id = randomUUID();
  const at = new Date();
  try {
    await recordOnce(
      db,
      {
        idempotencyKey: `account-created:${id}`,
        at: at.toISOString(),
        actorId: actorIdOf(by),
        action: ACCOUNT_CREATED,
        entityType: 'User',
        entityId: id,
        payload: {
          userId: userIdOf(by),
          username: input.username,
          roles,
          officialId: input.officialId ?? null,
          areaId: input.areaId ?? null,
        },
      },
      async (tx) => {
        await tx.user.create({
          data: {
            id,
            username: input.username,
            displayName,
            passwordHash,
            mustChangePassword: true,
            officialId: input.officialId ?? null,
            areaId: input.areaId ?? null,
            email: input.email ?? null,
            roles: { create: roles.map((role) => ({ role })) },
          },
        });
      },
    );
  } catch (error) {
    // Two creations of one username (or one official) at once: the database's unique index decides.
    if ((error as { code?: string }).code === 'P2002') throw usernameTaken(input.username);
    throw error;
  }
  return { account: (await account(prisma, id))!, oneTimePassword: password };
}

const usernameTaken = (username: string) =>
  new Refusal(409, 'USERNAME_TAKEN', `The username ${username} is taken`, { username });

async function existing(db: Db, userId: string) {
  const row = await db.prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, username: true, active: true, roles: { select: { role: true } } },
  });
  if (!row) throw notFound('account', userId);
  return row;
}

/**
 * Sets a new one-time password, to be changed at first login, and ends the account's sessions. A deactivated account
 * stays deactivated: a reset is not a way back in (reactivating is).
 */
export async function resetPassword(
  db: Db,
  by: AccountActor,
  userId: string,
): Promise<{ account: Account; oneTimePassword: string }> {
  const user = await existing(db, userId);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const at = new Date();
  await recordOnce(
    db,
    {
      idempotencyKey: `password-reset:${userId}:${randomUUID()}`,
      at: at.toISOString(),
      actorId: actorIdOf(by),
      action: PASSWORD_RESET,
      entityType: 'User',
      entityId: userId,
      payload: { userId: userIdOf(by), username: user.username },
    },
    async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true } });
      await revokeAllSessions(tx, userId, at);
    },
  );
  return { account: (await account(db.prisma, userId))!, oneTimePassword: password };
}

/**
 * Deactivates the account and ends its sessions at once. Not one's own: so the caller, an active administrator, stays
 * one, and the Board is never left without an administrator. An account already deactivated is answered as it is,
 * with nothing written.
 */
export async function deactivateAccount(db: Db, by: Caller, userId: string): Promise<Account> {
  const user = await existing(db, userId);
  if (!user.active) return (await account(db.prisma, userId))!;
  if (userId === by.userId) throw ruleViolated('OWN_ACCOUNT', 'An administrator does not deactivate their own account');
  const at = new Date();
  await recordOnce(
    db,
    {
      idempotencyKey: `account-deactivated:${userId}:${randomUUID()}`,
      at: at.toISOString(),
      actorId: by.actor.id,
      action: ACCOUNT_DEACTIVATED,
      entityType: 'User',
      entityId: userId,
      payload: { userId: by.userId, username: user.username },
    },
    async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { active: false } });
      await revokeAllSessions(tx, userId, at);
    },
  );
  return (await account(db.prisma, userId))!;
}

/** Lets a deactivated account log in again, with the password it had; already active: answered as it is. */
export async function reactivateAccount(db: Db, by: AccountActor, userId: string): Promise<Account> {
  const user = await existing(db, userId);
  if (!user.active) {
    await recordOnce(
      db,
      {
        idempotencyKey: `account-reactivated:${userId}:${randomUUID()}`,
        at: new Date().toISOString(),
        actorId: actorIdOf(by),
        action: ACCOUNT_REACTIVATED,
        entityType: 'User',
        entityId: userId,
        payload: { userId: userIdOf(by), username: user.username },
      },
      async (tx) => {
        await tx.user.update({ where: { id: userId }, data: { active: true } });
      },
    );
  }
  return (await account(db.prisma, userId))!;
}

/**
 * The user's own change: the current password, then the new one against the policy (422 naming the rule). Every
 * session of the account ends, the one asking included, and `newSession` opens in the same transaction: the caller
 * answers its token, so no token issued before the change outlives it.
 */
export async function changeOwnPassword(
  db: Db,
  caller: Caller,
  body: { currentPassword: string; newPassword: string },
  newSession: { id: string; expiresAt: Date },
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): Promise<void> {
  const user = await db.prisma.user.findUnique({
    where: { id: caller.userId },
    select: { username: true, passwordHash: true, active: true },
  });
  if (!user?.active) throw new Refusal(401, 'UNAUTHENTICATED', 'The user no longer exists or is inactive');
  if (!(await verifyPassword(body.currentPassword, user.passwordHash)))
    throw ruleViolated('CURRENT_PASSWORD_WRONG', 'The current password is wrong');
  const broken = brokenPasswordRule(policy, body.newPassword, {
    username: user.username,
    current: body.currentPassword,
  });
  if (broken) throw ruleViolated(broken.rule, broken.message, { policyVersion: policy.version });
  const passwordHash = await hashPassword(body.newPassword);
  const at = new Date();
  await recordOnce(
    db,
    {
      idempotencyKey: `password-changed:${caller.userId}:${newSession.id}`,
      at: at.toISOString(),
      actorId: caller.actor.id,
      action: PASSWORD_CHANGED,
      entityType: 'User',
      entityId: caller.userId,
      payload: { userId: caller.userId, username: user.username, policyVersion: policy.version },
    },
    async (tx) => {
      await tx.user.update({
        where: { id: caller.userId },
        data: { passwordHash, mustChangePassword: false, passwordChangedAt: at },
      });
      await revokeAllSessions(tx, caller.userId, at);
      await tx.session.create({ data: { id: newSession.id, userId: caller.userId, expiresAt: newSession.expiresAt } });
    },
  );
}
