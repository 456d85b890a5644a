import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../worker/config';

const SECRET = 'a-secret-of-thirty-two-characters!';

describe('AUTH_SECRET', () => {
  it('is optional outside production and carried into the config when set', () => {
    expect(loadConfig({}).authSecret).toBeUndefined();
    expect(loadConfig({ AUTH_SECRET: SECRET }).authSecret).toBe(SECRET);
  });

  it('is required in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET must be set in production/);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: SECRET }).authSecret).toBe(SECRET);
  });

  it('refuses a short secret without printing it', () => {
    let error: unknown;
    try {
      loadConfig({ AUTH_SECRET: 'hunter2' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe('AUTH_SECRET');
    expect((error as Error).message).toBe('AUTH_SECRET must be at least 32 characters; got 7 characters');
    expect((error as Error).message).not.toContain('hunter2');
  });
});
