/**
 * Areas on today's map through the HTTP API (real Temporal test server, fresh seeded database): the administrator
 * enters a province and its communes, one by one and from a file; official codes are checked by level and never
 * given twice; a file with bad lines is refused whole with each problem's line, column and rule; and GET /areas?asOf=
 * answers the units in force on a day under that day's names, before and after a rename and a merger recorded as
 * reorganisations, while GET /areas/:id gives the names over time, the predecessors and successors.
 */
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, errorOf, SEEDED_USERS as U } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import type { LifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  suite = await startApiSuite();
  ({ h, api } = suite);
});

afterAll(async () => {
  await suite?.close();
});

type Response = { statusCode: number; body: string; json<X>(): X };
async function ok<T>(response: Response, status = 200): Promise<T> {
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}
function expectRule(response: Response, rule: string, field?: string) {
  expect(response.statusCode, response.body).toBe(422);
  expect(errorOf(response)).toMatchObject({ code: 'RuleViolated', rule, ...(field && { field }) });
}

interface AreaItem {
  id: string;
  code: string;
  name: string;
  officialCode: string | null;
  level: string | null;
  validFrom: string | null;
  validUntil: string | null;
}

let province: string;
const ids = new Map<string, string>();

const listOn = async (asOf: string) =>
  (
    await ok<{ items: AreaItem[] }>(
      await api.call('GET', `/areas?parentId=${province}&limit=100&asOf=${asOf}`, U.official),
    )
  ).items
    .map((a) => `${a.code} ${a.name}`)
    .sort();

describe('areas entered by the administrator', () => {
  it('creates a province and a commune; the answer carries the official code, level and first day', async () => {
    const p = await ok<AreaItem>(
      await api.call('POST', '/areas', U.admin, {
        code: 'T-TINH',
        officialCode: '99',
        name: 'Tỉnh Thử',
        level: 'PROVINCE',
        kind: 'PROVINCE',
      }),
      201,
    );
    province = p.id;
    expect(p).toMatchObject({ officialCode: '99', level: 'PROVINCE', validFrom: null, validUntil: null });
    const a = await ok<AreaItem>(
      await api.call('POST', '/areas', U.admin, {
        code: 'T-A',
        officialCode: '99001',
        name: 'Xã An',
        level: 'COMMUNE',
        kind: 'COMMUNE',
        parentId: province,
        validFrom: '2020-01-01',
      }),
      201,
    );
    ids.set('T-A', a.id);
    expect(a).toMatchObject({ validFrom: '2020-01-01', level: 'COMMUNE' });
    expect(await h.db.prisma.auditEvent.count({ where: { action: 'AREA_CREATED', entityId: a.id } })).toBe(1);
  });

  it('checks the official code by level and never gives it twice; only the administrator writes', async () => {
    const commune = { code: 'T-X', name: 'Xã Sai', level: 'COMMUNE', kind: 'COMMUNE', parentId: province };
    expectRule(
      await api.call('POST', '/areas', U.admin, { ...commune, officialCode: '9900' }),
      'INVALID_OFFICIAL_CODE',
      'officialCode',
    );
    expectRule(
      await api.call('POST', '/areas', U.admin, {
        ...commune,
        code: 'T-Y',
        officialCode: '99',
        level: 'PROVINCE',
        kind: 'PROVINCE',
      }),
      'OFFICIAL_CODE_REUSED',
      'officialCode',
    );
    expectRule(
      await api.call('POST', '/areas', U.admin, { ...commune, officialCode: '99001' }),
      'OFFICIAL_CODE_REUSED',
    );
    expectRule(
      await api.call('POST', '/areas', U.admin, { ...commune, officialCode: '99009', level: null }),
      'OFFICIAL_CODE_WITHOUT_LEVEL',
    );
    expectRule(
      await api.call('POST', '/areas', U.admin, { ...commune, kind: 'DISTRICT' }),
      'KIND_NOT_OF_LEVEL',
      'kind',
    );
    expectRule(await api.call('POST', '/areas', U.admin, { ...commune, code: 'T-A' }), 'AREA_CODE_TAKEN', 'code');
    const malformed = await api.call('POST', '/areas', U.admin, { ...commune, validFrom: '2025-02-30' });
    expect(malformed.statusCode, malformed.body).toBe(400);
    expect(malformed.body).toContain('validFrom');
    expect((await api.call('POST', '/areas', U.official, commune)).statusCode).toBe(403);
    expect(await h.db.prisma.area.count({ where: { code: { in: ['T-X', 'T-Y'] } } })).toBe(0);
  });

  it('imports areas from a file: a bad file is refused whole, listing line, column and rule; the same file again writes nothing', async () => {
    const header = 'code,official_code,name,level,kind,parent,valid_from';
    const before = await h.db.prisma.area.count();
    const refused = await api.call('POST', '/areas/import', U.admin, {
      file: 'dia-ban.csv',
      content: [
        header,
        'T-B,99002,Xã Bình,xã,xã,T-TINH,2020-01-01',
        'T-C,9903,Xã Cư,COMMUNE,COMMUNE,T-TINH,2020-01-01',
        'T-D,99001,Phường Đông,COMMUNE,phường,T-TINH,2020-01-01',
        'T-E,,Xã Én,COMMUNE,làng,T-NOWHERE,2020-01-32',
      ].join('\n'),
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(errorOf(refused).code).toBe('IMPORT_REFUSED');
    expect(errorOf(refused).rows).toEqual([
      expect.objectContaining({ line: 3, column: 'official_code', rule: 'INVALID_OFFICIAL_CODE' }),
      expect.objectContaining({ line: 4, column: 'official_code', rule: 'OFFICIAL_CODE_REUSED' }),
      expect.objectContaining({ line: 5, column: 'kind', rule: 'UNKNOWN_KIND' }),
      expect.objectContaining({ line: 5, column: 'parent', rule: 'UNKNOWN_PARENT' }),
      expect.objectContaining({ line: 5, column: 'valid_from', rule: 'INVALID_DATE' }),
    ]);
    expect(await h.db.prisma.area.count()).toBe(before);

    const rows = [
      ['code', 'official_code', 'name', 'level', 'kind', 'parent', 'valid_from'],
      ['T-B', '99002', 'Xã Bình', 'xã', 'xã', 'T-TINH', '2020-01-01'],
      ['T-M', '99003', 'Xã Minh', 'COMMUNE', 'COMMUNE', '99', '2020-01-01'],
    ].map((row) => row.map((value) => ({ value })));
    const workbook = await writeXlsxFile(rows as never).toBuffer();
    const file = { file: 'dia-ban.xlsx', contentBase64: workbook.toString('base64') };
    const imported = await ok<{ created: { line: number; id: string; code: string }[] }>(
      await api.call('POST', '/areas/import', U.admin, file),
    );
    expect(imported.created.map((r) => `${r.line} ${r.code}`)).toEqual(['2 T-B', '3 T-M']);
    for (const r of imported.created) ids.set(r.code, r.id);
    const again = await ok<{ created: unknown[]; alreadyPresent: unknown[] }>(
      await api.call('POST', '/areas/import', U.admin, file),
    );
    expect(again).toMatchObject({ created: [], alreadyPresent: [expect.anything(), expect.anything()] });
    const m = await h.db.prisma.area.findUniqueOrThrow({ where: { id: ids.get('T-M')! } });
    expect(m).toMatchObject({ parentId: province, level: 'COMMUNE', kind: 'COMMUNE', officialCode: '99003' });
  });
});

describe('the map on a day', () => {
  const basis = { number: '1/NQ-UBTVQH15-thu', date: '2025-06-16' };

  it('answers the names of the day before and after a rename, and the units before and after a merger', async () => {
    await ok(
      await api.call('POST', '/reorganisations', U.admin, {
        kind: 'RENAME',
        legalBasis: basis,
        effectiveOn: '2025-07-01',
        predecessors: [{ areaId: ids.get('T-A')! }],
        newName: 'Xã An Hòa',
      }),
      201,
    );
    await ok(
      await api.call('POST', '/reorganisations', U.admin, {
        kind: 'MERGE',
        legalBasis: basis,
        effectiveOn: '2025-07-01',
        predecessors: [{ areaId: ids.get('T-B')! }, { areaId: ids.get('T-M')! }],
        successors: [
          {
            code: 'T-BM',
            officialCode: '99004',
            name: 'Xã Bình Minh',
            level: 'COMMUNE',
            kind: 'COMMUNE',
            parentId: province,
          },
        ],
      }),
      201,
    );
    expect(await listOn('2025-06-30')).toEqual(['T-A Xã An', 'T-B Xã Bình', 'T-M Xã Minh']);
    expect(await listOn('2025-07-01')).toEqual(['T-A Xã An Hòa', 'T-BM Xã Bình Minh']);
    expect(await listOn('2019-12-31')).toEqual([]);

    const bm = (await h.db.prisma.area.findUniqueOrThrow({ where: { code: 'T-BM' } })).id;
    const detail = await ok<{
      validFrom: string | null;
      predecessors: {
        area: { code: string };
        ceases: boolean;
        reorganization: { kind: string; effectiveOn: string };
      }[];
      successors: unknown[];
      names: { name: string }[];
    }>(await api.call('GET', `/areas/${bm}`, U.official));
    expect(detail.validFrom).toBe('2025-07-01');
    expect(detail.predecessors.map((p) => p.area.code).sort()).toEqual(['T-B', 'T-M']);
    expect(detail.predecessors[0]).toMatchObject({
      ceases: true,
      reorganization: { kind: 'MERGE', effectiveOn: '2025-07-01' },
    });
    const b = await ok<{ validUntil: string; successors: { area: { code: string } }[] }>(
      await api.call('GET', `/areas/${ids.get('T-B')!}`, U.official),
    );
    expect(b.validUntil).toBe('2025-06-30');
    expect(b.successors.map((s) => s.area.code)).toEqual(['T-BM']);
    const a = await ok<{
      name: string;
      names: { name: string; validFrom: string | null; validUntil: string | null }[];
    }>(await api.call('GET', `/areas/${ids.get('T-A')!}`, U.official));
    expect(a.name).toBe('Xã An Hòa');
    expect(a.names).toEqual([
      { name: 'Xã An', validFrom: '2020-01-01', validUntil: '2025-06-30' },
      { name: 'Xã An Hòa', validFrom: '2025-07-01', validUntil: null },
    ]);
  });
});
