/**
 * The OpenAPI document as an exact contract: every operation declares the refusals and failures it can answer with the
 * shared error schema, and a schema for its success; every answer leaves through its declared schema, so a field the
 * schema does not declare fails serialisation instead of reaching a client.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DatabaseFaults } from '../../api/database-faults';
import { registerErrorHandling } from '../../api/errors';
import {
  type ResponseCheck,
  responseCheckOf,
  jsonValueOf,
  serializeThroughSchema,
  useZodSchemas,
  type ZodTypeProvider,
} from '../../api/zod-provider';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

type Json = Record<string, unknown>;
interface Response {
  description: string;
  headers?: Record<string, Json>;
  content?: Record<string, { schema?: Json }>;
}
interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, Response>;
  'x-roles'?: string[];
}

let suite: ApiSuite;
let document: object;
let operations: { name: string; method: string; path: string; op: Operation }[];

beforeAll(async () => {
  suite = await startApiSuite();
  const doc = (await suite.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
    paths: Record<string, Record<string, Operation>>;
  }>();
  document = doc;
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, method, path, op })),
  );
}, 120_000);

afterAll(async () => {
  await suite?.close();
});

describe('the OpenAPI document', () => {
  it('declares a response schema for every success', () => {
    expect(operations.length).toBeGreaterThan(100);
    const without = operations.filter(({ op }) => {
      const successes = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      if (successes.length === 0) return true;
      // 204 has no body to describe; every other success has its schema.
      return successes.some(
        ([status, response]) => status !== '204' && !Object.values(response.content ?? {})[0]?.schema,
      );
    });
    expect(without.map((o) => o.name)).toEqual([]);
  });

  it('declares the error statuses each operation can answer, with the shared error schema', () => {
    const missing: string[] = [];
    for (const { name, method, op } of operations) {
      const statuses = new Set(Object.keys(op.responses));
      const expected = ['503', '504'];
      if (op['x-roles']) expected.push('401', '403');
      if (op.parameters?.some((p) => p.in === 'path')) expected.push('400', '404');
      if (op.requestBody) expected.push('400', '413', '415');
      if (op['x-roles'] && method === 'post') expected.push('409', '422');
      for (const status of expected) if (!statuses.has(status)) missing.push(`${name} ${status}`);
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400 || name === 'GET /healthz') continue;
        const schema = response.content?.['application/json']?.schema as
          { properties: { error: { required: string[]; properties: Json } } } | undefined;
        if (!schema?.properties.error.required.includes('code')) missing.push(`${name} ${status}: error schema`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names the variants: issues for 400, rule for 422, allowedEvents for 409, Retry-After for 429 and 503', () => {
    const approve = operations.find((o) => o.name === 'POST /assignments/{id}/approve')!.op;
    const errorOf = (status: string) =>
      (
        approve.responses[status]!.content!['application/json']!.schema as {
          properties: { error: { properties: Json } };
        }
      ).properties.error.properties;
    expect(errorOf('400')).toHaveProperty('issues');
    expect(errorOf('422')).toHaveProperty('rule');
    expect(errorOf('409')).toHaveProperty('allowedEvents');
    expect(approve.responses['503']!.headers).toHaveProperty('retry-after');
    expect(approve.responses['409']!.headers).toHaveProperty('retry-after');
    const login = operations.find((o) => o.name === 'POST /auth/login')!.op;
    expect(login.responses['429']!.headers).toHaveProperty('retry-after');
    // A keyed POST takes an Idempotency-Key and says when its answer is a replay.
    expect(approve.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'idempotency-key' }));
    expect(approve.responses['200']!.headers).toHaveProperty('idempotent-replayed');
  });

  it('says what the validators check: the days window, the file as one of two, a cursor', () => {
    const body = (name: string) =>
      (operations.find((o) => o.name === name)!.op.requestBody as { content: { 'application/json': { schema: Json } } })
        .content['application/json'].schema;
    const proposal = body('POST /assignments') as { properties: Record<string, Json> };
    expect(new RegExp(proposal.properties.effectiveFrom!.pattern as string).test('2000-01-01')).toBe(true);
    expect(new RegExp(proposal.properties.effectiveFrom!.pattern as string).test('0001-01-01')).toBe(false);
    expect(new RegExp(proposal.properties.effectiveFrom!.pattern as string).test('2100-02-29')).toBe(false);
    expect(body('POST /assignments/import').oneOf).toEqual([
      { required: ['content'] },
      { required: ['contentBase64'] },
    ]);
    const inbox = operations.find((o) => o.name === 'GET /approvals/inbox')!.op as unknown as {
      parameters: { name: string; description?: string }[];
    };
    expect(inbox.parameters.find((p) => p.name === 'cursor')?.description).toContain('nextCursor');
  });
});

describe('an answer leaves through its declared schema', () => {
  const Answer = z.object({ id: z.string(), at: z.iso.datetime() });

  async function appAnswering(
    body: unknown,
    check: ResponseCheck = 'strict',
    warn?: (message: string) => void,
  ): Promise<FastifyInstance> {
    const app = Fastify();
    useZodSchemas(app);
    app.setSerializerCompiler(serializeThroughSchema(check, warn));
    registerErrorHandling(app, new DatabaseFaults());
    app
      .withTypeProvider<ZodTypeProvider>()
      .get('/thing', { schema: { response: { 200: Answer } } }, async () => body as never);
    await app.ready();
    return app;
  }

  it('reads an answer as JSON would, without the text round trip', () => {
    const answer = {
      at: new Date('2026-01-02T03:04:05.000Z'),
      gone: undefined,
      call: () => 1,
      items: [1, undefined, Number.NaN, Infinity, 'x', { at: new Date(0), nested: [null, true] }],
      own: { toJSON: () => ({ as: 'its own' }) },
      text: 'Xã Kim Liên',
      none: null,
    };
    expect(jsonValueOf(answer)).toEqual(JSON.parse(JSON.stringify(answer)));
    expect(JSON.stringify(jsonValueOf(answer))).toBe(JSON.stringify(answer));
  });

  it('sends what the schema declares, a Date as its ISO instant', async () => {
    const app = await appAnswering({ id: 'a', at: new Date('2026-01-02T03:04:05.000Z') });
    const response = await app.inject({ method: 'GET', url: '/thing' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id: 'a', at: '2026-01-02T03:04:05.000Z' });
    await app.close();
  });

  it('fails on a field the schema does not declare, rather than sending it', async () => {
    const app = await appAnswering({ id: 'a', at: '2026-01-02T03:04:05.000Z', secret: 'x' });
    const response = await app.inject({ method: 'GET', url: '/thing' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    await app.close();
  });

  it('in production drops an undeclared field instead, and still refuses a body that breaks its schema', async () => {
    const lenient = await appAnswering({ id: 'a', at: '2026-01-02T03:04:05.000Z', secret: 'x' }, 'drop');
    const dropped = await lenient.inject({ method: 'GET', url: '/thing' });
    expect(dropped.statusCode).toBe(200);
    expect(dropped.json()).toEqual({ id: 'a', at: '2026-01-02T03:04:05.000Z' });
    await lenient.close();
    const broken = await appAnswering({ id: 7, at: 'yesterday' }, 'drop');
    expect((await broken.inject({ method: 'GET', url: '/thing' })).statusCode).toBe(500);
    await broken.close();
  });

  it('is strict outside production and the tests, drops in production, reports in the test suite', async () => {
    expect(responseCheckOf({})).toBe('strict');
    expect(responseCheckOf({ NODE_ENV: 'production' })).toBe('drop');
    expect(responseCheckOf({ NODE_ENV: 'test' })).toBe('report');
    expect(responseCheckOf({ NODE_ENV: 'test', RESPONSE_CHECK: 'strict' })).toBe('strict');
    const warnings: string[] = [];
    const reporting = await appAnswering({ id: 'a', at: '2026-01-02T03:04:05.000Z', secret: 'x' }, 'report', (m) =>
      warnings.push(m),
    );
    expect((await reporting.inject({ method: 'GET', url: '/thing' })).statusCode).toBe(200);
    expect(warnings).toEqual(['GET /thing (200): the answer has a field its schema does not declare: secret']);
    await reporting.close();
  });

  it('serialises the API’s own answers and refusals through their schemas', async () => {
    const inbox = await suite.api.call('GET', '/approvals/inbox', 'ld02');
    expect(inbox.statusCode).toBe(200);
    const refused = await suite.api.call('GET', '/assignments/no-such-assignment', 'ld02');
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('a typed client generated from the document', () => {
  it('is generated by openapi-typescript and type-checks calls, refusing a wrong field or a missing one', async () => {
    const { default: openapiTS, astToString } = await import('openapi-typescript');
    const ts = await import('typescript');
    const folder = await mkdtemp(path.join(os.tmpdir(), 'dia-ban-client-'));
    try {
      await writeFile(
        path.join(folder, 'api.ts'),
        astToString(await openapiTS(document as Parameters<typeof openapiTS>[0])),
      );
      await writeFile(path.join(folder, 'client.ts'), TYPED_CALLS);
      const program = ts.createProgram([path.join(folder, 'client.ts')], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        skipLibCheck: true,
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(problems).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

/** A few calls as an integrator writes them; each `@ts-expect-error` must meet an error, or tsc reports it unused. */
const TYPED_CALLS = `
import type { paths } from './api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: infer R } }
  ? Json<R>
  : never;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: infer R }
  ? Json<NonNullable<R>>
  : never;

declare function call<P extends keyof paths, M extends keyof paths[P]>(method: M, path: P, body?: Body<P, M>): Promise<Ok<P, M>>;

export async function calls(): Promise<void> {
  const { view } = await call('get', '/assignments/{id}');
  const state: string = view.state;
  const years: number = view.yearsServed;
  // @ts-expect-error the assignment's view has no such field
  void view.noSuchField;

  await call('post', '/complaints', { assignmentId: 'a', summary: 'Đơn thư', receivedOn: '2026-01-05' });
  // @ts-expect-error a complaint names the day it was received
  await call('post', '/complaints', { assignmentId: 'a', summary: 'Đơn thư' });

  const areas = await call('get', '/areas');
  void areas;
  void state;
  void years;
}
`;
