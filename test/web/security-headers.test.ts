import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSuite, logIn, newContext, startBrowserSuite, watchErrors } from '../support/browser';

let suite: BrowserSuite;

beforeAll(async () => {
  suite = await startBrowserSuite();
});

afterAll(async () => {
  await suite?.close();
});

describe('security headers', () => {
  it.each(['/app/', '/docs/static/index.html', '/openapi.json', '/healthz', '/auth/login'])(
    '%s may not be framed or sniffed, and admits only its own scripts',
    async (path) => {
      const response = await fetch(`${suite.web.baseUrl}${path}`, { method: path === '/auth/login' ? 'POST' : 'GET' });
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
    },
  );

  it('the app and the API documentation run under that policy with nothing refused', async () => {
    const page = await (await newContext(suite.browser, suite.web.baseUrl)).newPage();
    const errors = watchErrors(page);
    await logIn(page, 'ld02');
    await page.waitForLoadState('networkidle');
    await page.goto('/docs');
    await page.locator('.swagger-ui .opblock').first().waitFor();
    expect(errors).toEqual([]);
  });
});
