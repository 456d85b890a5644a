/**
 * The demonstration map (prisma/demo/map-2025.ts) on a fresh seeded database: applied twice, it writes the same rows;
 * every new unit has its 5-digit code once; a successor's page finds its former units under their own names, the
 * seed's own communes among them; and the units that ceased end on 30 June 2025.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formerUnitsOf, successionsOf } from '../../domain/areas-history/reads';
import { seedDemoMap, UNITS_2025 } from '../../prisma/demo/map-2025';
import { freshDatabase } from '../support/lifecycle-harness';

let fresh: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  fresh = await freshDatabase();
});

afterAll(async () => {
  await fresh?.dispose();
});

describe('the demonstration map since 1 July 2025', () => {
  it('is written once, whatever the number of times it is applied', async () => {
    const prisma = fresh.db.prisma;
    const first = await seedDemoMap(prisma);
    const counts = async () =>
      Promise.all([
        prisma.area.count(),
        prisma.areaName.count(),
        prisma.reorganization.count(),
        prisma.reorganizationArea.count(),
      ]);
    const once = await counts();
    expect(await seedDemoMap(prisma)).toBe(first);
    expect(await counts()).toEqual(once);
    // The province, the Party committee, Mỹ Lý, 14 new units and their 57 former units the seed did not hold.
    expect(first).toBe(1 + 1 + 1 + 14 + 57);
    expect(once[2]).toBe(15);
  });

  it('gives each unit on the map its official code, 5 digits for a commune or ward, 2 for the province', async () => {
    const coded = await fresh.db.prisma.area.findMany({
      where: { officialCode: { not: null } },
      select: { officialCode: true, level: true, validUntil: true },
    });
    expect(coded).toHaveLength(1 + 1 + UNITS_2025.length);
    for (const a of coded) {
      expect(a.officialCode).toMatch(a.level === 'PROVINCE' ? /^\d{2}$/ : /^\d{5}$/);
      expect(a.validUntil).toBeNull();
    }
  });

  it("shows the new Xã Kim Liên's former communes under their own names, the seed's Xã Kim Liên among them", async () => {
    const former = await formerUnitsOf(fresh.db.prisma, 'area-na-17971');
    expect(former.map((f) => f.area.name).sort()).toEqual([
      'Xã Hùng Tiến',
      'Xã Kim Liên',
      'Xã Nam Cát',
      'Xã Nam Giang',
      'Xã Xuân Hồng',
    ]);
    expect(former.find((f) => f.area.id === 'area-na-namdan-kimlien')).toMatchObject({
      area: { name: 'Xã Kim Liên', officialCode: null },
      into: { name: 'Xã Kim Liên', officialCode: '17971' },
      kind: 'MERGE',
      legalBasisNumber: '1678/NQ-UBTVQH15',
      legalBasisDate: '2025-06-16',
      effectiveOn: '2025-07-01',
    });
    expect(await successionsOf(fresh.db.prisma, 'area-na-namdan')).toEqual([
      expect.objectContaining({ kind: 'DISSOLVE', legalBasisNumber: '72/2025/QH15', successors: [] }),
    ]);
    const ended = await fresh.db.prisma.area.findUnique({
      where: { id: 'area-na-namdan-tt' },
      select: { validUntil: true },
    });
    expect(ended?.validUntil?.toISOString()).toBe('2025-06-30T00:00:00.000Z');
  });
});
