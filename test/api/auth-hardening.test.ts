import { createHmac } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenSigner } from '../../api/auth/tokens';
import { buildServer } from '../../api/server';
import { freshDatabase } from '../support/lifecycle-harness';
import { freePort } from '../support/service-process';

const SECRET = Buffer.from('a test secret of thirty-two bytes!', 'utf8');
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The same signature bytes, spelled with another last character: base64url's spare bits differ. */
function respelled(token: string): string {
  const last = token.at(-1)!;
  return token.slice(0, -1) + BASE64URL[BASE64URL.indexOf(last) ^ 1];
}

describe('bearer tokens', () => {
  it('refuse a signature whose last character was changed, even where it decodes to the same bytes', () => {
    const signer = new TokenSigner(SECRET);
    for (let i = 0; i < 20; i += 1) {
      const { token } = signer.issue(`user-${i}`);
      expect(signer.verify(token)).not.toBeNull();
      const other = respelled(token);
      expect(Buffer.from(other.split('.')[1]!, 'base64url')).toEqual(Buffer.from(token.split('.')[1]!, 'base64url'));
      expect(signer.verify(other)).toBeNull();
    }
  });
});

describe('sessions remembered for a few seconds', () => {
  let app: FastifyInstance;
  let dispose: () => Promise<void>;
  const signer = new TokenSigner(SECRET);

  beforeAll(async () => {
    const database = await freshDatabase();
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    app = buildServer(
      { prisma: database.db.prisma, provider: database.db.provider, temporal: new Client({ connection }) },
      { tokens: signer },
    );
    dispose = async () => {
      await app.close();
      await connection.close();
      await database.dispose();
    };
  });
  afterAll(async () => {
    await dispose?.();
  });

  const login = async (username: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username, password: `DiaBan@${username}` },
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ token: string; user: { id: string } }>();
  };

  it("are checked against the token's subject: a session id under another user's name is refused", async () => {
    const official = await login('cb003');
    const leader = await login('ld02');
    const me = () => app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${official.token}` } });
    expect((await me()).statusCode).toBe(200); // the official's session is now remembered
    // A well-signed token (as a leaked key would make) naming the official's session but the leader as subject.
    const sessionId = JSON.parse(Buffer.from(official.token.split('.')[0]!, 'base64url').toString('utf8'))
      .jti as string;
    const body = Buffer.from(
      JSON.stringify({ jti: sessionId, sub: leader.user.id, exp: Date.now() + 60_000 }),
    ).toString('base64url');
    const forged = `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
    const response = await app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${forged}` } });
    expect(response.statusCode).toBe(401);
  });

  it('count password guesses sent at once: of 30 concurrent wrong logins at most 10 are tried, the rest 429', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'ld04', password: `guess-${i}` } }),
      ),
    );
    const statuses = guesses.map((g) => g.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
  });
});
