/**
 * Password hashing with Argon2id (@node-rs/argon2), stored in the PHC string format (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`),
 * which carries its own cost parameters: they can be raised later without invalidating existing hashes.
 */
import { hash, verify } from '@node-rs/argon2';

export interface Argon2Cost {
  /** KiB of memory per hash. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's Argon2id recommendation: 19 MiB, 2 iterations, 1 lane. */
export const RECOMMENDED_COST: Argon2Cost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** `cost` below the recommendation only for passwords that are public anyway (demo data). Argon2id is the default algorithm. */
export function hashPassword(password: string, cost: Argon2Cost = RECOMMENDED_COST): Promise<string> {
  return hash(password.normalize('NFC'), cost);
}

/** False for a wrong password and for anything that is not an Argon2id hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (!stored.startsWith('$argon2id$')) return false;
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}
