/**
 * The web application (web/, built into web/dist) on the API's own port, under /app/ so that it never shadows an
 * API path nor the API's JSON 404s:
 * - `GET /app/<file>` serves a built file (hashed assets are cached for good, index.html never);
 * - any other `GET /app/*` answers index.html, for the app's own routes (/app/inbox, /app/assignments/…);
 * - `GET /` and `GET /app` redirect to /app/;
 * - without a build, /app/ answers 503 saying how to make one, instead of failing.
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const WEB_PREFIX = '/app/';
const DEFAULT_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

export interface WebAppOptions {
  /** The built application; web/dist by default. */
  dist?: string;
}

/** A relative path inside the build, or null for anything that tries to leave it (fastify has decoded the path). */
function insideDist(dist: string, wildcard: string): string | null {
  const relative = normalize(wildcard).replace(/^([/\\])+/, '');
  if (relative === '' || relative.startsWith('..') || relative.includes(`${sep}..${sep}`) || relative.includes('\0'))
    return null;
  const file = join(dist, relative);
  return file.startsWith(dist + sep) ? relative : null;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function addWebApp(app: FastifyInstance, options: WebAppOptions = {}): void {
  const dist = options.dist ?? DEFAULT_DIST;
  // reply.sendFile only: the routes below decide what is served, so that unknown paths fall back to index.html.
  void app.register(fastifyStatic, { root: dist, serve: false, wildcard: false });

  const notBuilt = (reply: FastifyReply) =>
    reply
      .code(503)
      .header('cache-control', 'no-store')
      .send({
        error: {
          code: 'WEB_APP_NOT_BUILT',
          message: `The web application has not been built: run \`npm run build:web\` (or \`npm start\`, which builds it). Looked in ${dist}`,
        },
      });

  const index = (reply: FastifyReply) => {
    if (!isFile(join(dist, 'index.html'))) return notBuilt(reply);
    return reply
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .sendFile('index.html', { cacheControl: false });
  };

  const hidden = { schema: { hide: true } };
  app.get('/', hidden, (_request, reply) => reply.redirect(WEB_PREFIX));
  app.get('/app', hidden, (_request, reply) => reply.redirect(WEB_PREFIX));
  app.get('/app/', hidden, (_request, reply) => index(reply));
  app.get('/app/*', hidden, (request, reply) => {
    const wildcard = (request.params as { '*': string })['*'];
    const relative = insideDist(dist, wildcard);
    if (relative && isFile(join(dist, relative))) {
      const hashed = relative.startsWith(`assets${sep}`) || relative.startsWith('assets/');
      return hashed
        ? reply.sendFile(relative, { immutable: true, maxAge: '365d' })
        : reply.sendFile(relative, { maxAge: 0 });
    }
    // A missing asset is a 404 (a stale page asking for an old bundle must not get HTML for JavaScript).
    if (relative?.startsWith('assets') || /\.(js|css|map|png|svg|ico|woff2?)$/.test(wildcard)) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `No file ${WEB_PREFIX}${wildcard}` } });
    }
    return index(reply);
  });

  if (!existsSync(join(dist, 'index.html')))
    app.log.warn(`web application not built (${dist}): /app/ answers 503 until \`npm run build:web\``);
}
