/**
 * Bearer tokens: `base64url(JSON claims).base64url(HMAC-SHA256(claims))`. The signature makes a token
 * unforgeable; revocation (logout) lives in the Session table, keyed by the token's `jti`.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export const TOKEN_TTL_MS = 8 * 60 * 60 * 1000;

export interface TokenClaims {
  /** The Session row's id. */
  jti: string;
  /** The user id. */
  sub: string;
  /** Expiry, ms since the epoch. */
  exp: number;
}

/**
 * The signing key: AUTH_SECRET (worker/config.ts requires it in production). Without it (development, tests) a random
 * secret per process: tokens then die with the process, which is the safe failure — a fixed fallback secret in the
 * source would let anyone forge tokens.
 */
export function signingKey(configured: string | undefined): Buffer {
  return configured ? Buffer.from(configured, 'utf8') : randomBytes(32);
}

export class TokenSigner {
  constructor(private readonly secret: Buffer) {}

  issue(userId: string, now = Date.now()): { token: string; claims: TokenClaims } {
    const claims: TokenClaims = { jti: randomUUID(), sub: userId, exp: now + TOKEN_TTL_MS };
    const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
    return { token: `${body}.${this.sign(body)}`, claims };
  }

  /** The claims of a well-signed, unexpired token; null for anything else. */
  verify(token: string, now = Date.now()): TokenClaims | null {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return null;
    // The encoded strings are compared, not the decoded bytes: base64url ignores the spare bits of its last
    // character, so a decoded comparison would accept several spellings of one signature.
    const expected = Buffer.from(this.sign(body), 'ascii');
    const actual = Buffer.from(signature, 'ascii');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!isClaims(claims) || claims.exp <= now) return null;
    return claims;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

function isClaims(value: unknown): value is TokenClaims {
  const v = value as Partial<TokenClaims> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.jti === 'string' &&
    typeof v.sub === 'string' &&
    typeof v.exp === 'number'
  );
}
