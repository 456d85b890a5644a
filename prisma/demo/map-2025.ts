/**
 * The demonstration province on the map since 1 July 2025, outside production only: Tỉnh Nghệ An (code 40), fourteen of
 * its communes and wards as Nghị quyết 1678/NQ-UBTVQH15 (16/6/2025) made them, with the real names and the official
 * codes of Công văn 1027/CTK-CSCL (Quyết định 19/2025/QĐ-TTg), one commune the resolution left as it was, the former
 * communes, wards and townships each was made of (ended on 30 June 2025, under their own names, without an official
 * code: the 2025 list gives some of their old numbers to their successors, and a code is never held by two units), the
 * reorganisations recorded with their legal basis, the districts and towns that ended with the district level
 * (Luật Tổ chức chính quyền địa phương 72/2025/QH15), and the provincial Party committee formed in February 2025.
 * Where each name and code comes from: prisma/demo/SOURCES.md.
 *
 * It builds on the seed's areas (prisma/seed.ts): four of the seeded communes and wards are among the former units, and
 * the seeded districts and towns are the ones that ended. Rows are keyed by id, so applying it again changes nothing.
 * The reorganisations' units and links are written here, before any roster; their audit rows and successor proposals
 * are recorded once the roster they touch is in (worker/demo-reform.ts), as the administrator's record writes them.
 */
import type { AreaKind, PrismaClient } from '../database';

interface FormerUnit {
  name: string;
  kind: AreaKind;
  /** Its number in the list in force until 30 June 2025 (GSO, Quyết định 124/2004/QĐ-TTg); kept in `code` only. */
  formerCode: string;
  /** Its district's number in that list. */
  district: string;
  /** The seeded area that is this unit. */
  seeded?: string;
}

interface Unit2025 {
  officialCode: string;
  name: string;
  kind: 'WARD' | 'COMMUNE';
  /** Khoản of Điều 1 of Nghị quyết 1678/NQ-UBTVQH15 that made it. */
  clause: number;
  predecessors: FormerUnit[];
}

export const UNITS_2025: readonly Unit2025[] = [
  {
    officialCode: '16690',
    name: 'Phường Trường Vinh',
    kind: 'WARD',
    clause: 116,
    predecessors: [
      { name: 'Phường Hưng Phúc', kind: 'WARD', formerCode: '16673', district: '412' },
      { name: 'Phường Hưng Dũng', kind: 'WARD', formerCode: '16675', district: '412', seeded: 'area-na-vinh-hungdung' },
      { name: 'Phường Trường Thi', kind: 'WARD', formerCode: '16690', district: '412' },
      { name: 'Phường Bến Thủy', kind: 'WARD', formerCode: '16693', district: '412' },
      { name: 'Phường Trung Đô', kind: 'WARD', formerCode: '16699', district: '412' },
      { name: 'Xã Hưng Hòa', kind: 'COMMUNE', formerCode: '16711', district: '412' },
      { name: 'Phường Vinh Tân', kind: 'WARD', formerCode: '16714', district: '412' },
    ],
  },
  {
    officialCode: '16681',
    name: 'Phường Thành Vinh',
    kind: 'WARD',
    clause: 117,
    predecessors: [
      { name: 'Phường Đông Vĩnh', kind: 'WARD', formerCode: '16663', district: '412' },
      { name: 'Phường Lê Lợi', kind: 'WARD', formerCode: '16669', district: '412' },
      { name: 'Phường Hưng Bình', kind: 'WARD', formerCode: '16672', district: '412' },
      { name: 'Phường Cửa Nam', kind: 'WARD', formerCode: '16678', district: '412' },
      { name: 'Phường Quang Trung', kind: 'WARD', formerCode: '16681', district: '412' },
      { name: 'Xã Hưng Chính', kind: 'COMMUNE', formerCode: '18013', district: '412' },
    ],
  },
  {
    officialCode: '17920',
    name: 'Phường Vinh Hưng',
    kind: 'WARD',
    clause: 118,
    predecessors: [
      { name: 'Phường Quán Bàu', kind: 'WARD', formerCode: '16670', district: '412' },
      { name: 'Phường Hưng Đông', kind: 'WARD', formerCode: '16705', district: '412' },
      { name: 'Xã Nghi Liên', kind: 'COMMUNE', formerCode: '17908', district: '412' },
      { name: 'Xã Nghi Kim', kind: 'COMMUNE', formerCode: '17920', district: '412' },
    ],
  },
  {
    officialCode: '16702',
    name: 'Phường Vinh Phú',
    kind: 'WARD',
    clause: 119,
    predecessors: [
      { name: 'Phường Hà Huy Tập', kind: 'WARD', formerCode: '16666', district: '412' },
      { name: 'Phường Nghi Phú', kind: 'WARD', formerCode: '16702', district: '412' },
      { name: 'Xã Nghi Ân', kind: 'COMMUNE', formerCode: '17914', district: '412' },
      { name: 'Phường Nghi Đức', kind: 'WARD', formerCode: '17923', district: '412' },
    ],
  },
  {
    officialCode: '16708',
    name: 'Phường Vinh Lộc',
    kind: 'WARD',
    clause: 120,
    predecessors: [
      { name: 'Phường Hưng Lộc', kind: 'WARD', formerCode: '16708', district: '412' },
      {
        name: 'Xã Nghi Phong',
        kind: 'COMMUNE',
        formerCode: '17902',
        district: '412',
        seeded: 'area-na-nghiloc-nghiphong',
      },
      { name: 'Xã Nghi Xuân', kind: 'COMMUNE', formerCode: '17905', district: '412' },
      { name: 'Xã Phúc Thọ', kind: 'COMMUNE', formerCode: '17917', district: '412' },
      { name: 'Xã Nghi Thái', kind: 'COMMUNE', formerCode: '17926', district: '412' },
    ],
  },
  {
    officialCode: '16732',
    name: 'Phường Cửa Lò',
    kind: 'WARD',
    clause: 121,
    predecessors: [
      { name: 'Phường Nghi Thủy', kind: 'WARD', formerCode: '16717', district: '412' },
      { name: 'Phường Nghi Tân', kind: 'WARD', formerCode: '16720', district: '412' },
      { name: 'Phường Thu Thủy', kind: 'WARD', formerCode: '16723', district: '412' },
      { name: 'Phường Nghi Hòa', kind: 'WARD', formerCode: '16726', district: '412' },
      { name: 'Phường Nghi Hải', kind: 'WARD', formerCode: '16729', district: '412' },
      { name: 'Phường Nghi Hương', kind: 'WARD', formerCode: '16732', district: '412' },
      { name: 'Phường Nghi Thu', kind: 'WARD', formerCode: '16735', district: '412' },
    ],
  },
  {
    officialCode: '17110',
    name: 'Phường Hoàng Mai',
    kind: 'WARD',
    clause: 111,
    predecessors: [
      { name: 'Xã Quỳnh Vinh', kind: 'COMMUNE', formerCode: '17104', district: '432' },
      { name: 'Phường Quỳnh Thiện', kind: 'WARD', formerCode: '17110', district: '432' },
      { name: 'Xã Quỳnh Trang', kind: 'COMMUNE', formerCode: '17116', district: '432' },
    ],
  },
  {
    officialCode: '16939',
    name: 'Phường Thái Hòa',
    kind: 'WARD',
    clause: 114,
    predecessors: [
      { name: 'Phường Hòa Hiếu', kind: 'WARD', formerCode: '16939', district: '414' },
      { name: 'Phường Quang Phong', kind: 'WARD', formerCode: '16993', district: '414' },
      { name: 'Phường Long Sơn', kind: 'WARD', formerCode: '17003', district: '414' },
    ],
  },
  {
    officialCode: '17971',
    name: 'Xã Kim Liên',
    kind: 'COMMUNE',
    clause: 37,
    predecessors: [
      { name: 'Xã Nam Giang', kind: 'COMMUNE', formerCode: '17956', district: '430' },
      { name: 'Xã Hùng Tiến', kind: 'COMMUNE', formerCode: '17962', district: '430' },
      { name: 'Xã Kim Liên', kind: 'COMMUNE', formerCode: '17971', district: '430', seeded: 'area-na-namdan-kimlien' },
      { name: 'Xã Xuân Hồng', kind: 'COMMUNE', formerCode: '17980', district: '430' },
      { name: 'Xã Nam Cát', kind: 'COMMUNE', formerCode: '17983', district: '430' },
    ],
  },
  {
    officialCode: '17950',
    name: 'Xã Vạn An',
    kind: 'COMMUNE',
    clause: 38,
    predecessors: [
      {
        name: 'Thị trấn Nam Đàn',
        kind: 'COMMUNE_TOWN',
        formerCode: '17950',
        district: '430',
        seeded: 'area-na-namdan-tt',
      },
      { name: 'Xã Xuân Hòa', kind: 'COMMUNE', formerCode: '17959', district: '430' },
      { name: 'Xã Thượng Tân Lộc', kind: 'COMMUNE', formerCode: '17968', district: '430' },
    ],
  },
  {
    officialCode: '17935',
    name: 'Xã Nam Đàn',
    kind: 'COMMUNE',
    clause: 39,
    predecessors: [
      { name: 'Xã Nam Hưng', kind: 'COMMUNE', formerCode: '17932', district: '430' },
      { name: 'Xã Nghĩa Thái', kind: 'COMMUNE', formerCode: '17935', district: '430' },
      { name: 'Xã Nam Thanh', kind: 'COMMUNE', formerCode: '17938', district: '430' },
    ],
  },
  {
    officialCode: '17464',
    name: 'Xã Diễn Châu',
    kind: 'COMMUNE',
    clause: 12,
    predecessors: [
      { name: 'Xã Ngọc Bích', kind: 'COMMUNE', formerCode: '17452', district: '425' },
      { name: 'Xã Diễn Hoa', kind: 'COMMUNE', formerCode: '17461', district: '425' },
      { name: 'Thị trấn Diễn Thành', kind: 'COMMUNE_TOWN', formerCode: '17464', district: '425' },
      { name: 'Xã Diễn Phúc', kind: 'COMMUNE', formerCode: '17467', district: '425' },
    ],
  },
  {
    officialCode: '17254',
    name: 'Xã Con Cuông',
    kind: 'COMMUNE',
    clause: 7,
    predecessors: [
      { name: 'Xã Chi Khê', kind: 'COMMUNE', formerCode: '17251', district: '422' },
      { name: 'Thị trấn Trà Lân', kind: 'COMMUNE_TOWN', formerCode: '17254', district: '422' },
      { name: 'Xã Yên Khê', kind: 'COMMUNE', formerCode: '17257', district: '422' },
    ],
  },
  {
    officialCode: '17827',
    name: 'Xã Nghi Lộc',
    kind: 'COMMUNE',
    clause: 49,
    predecessors: [
      { name: 'Thị trấn Quán Hành', kind: 'COMMUNE_TOWN', formerCode: '17827', district: '429' },
      { name: 'Xã Nghi Trung', kind: 'COMMUNE', formerCode: '17893', district: '429' },
      { name: 'Xã Diên Hoa', kind: 'COMMUNE', formerCode: '17899', district: '429' },
      { name: 'Xã Nghi Vạn', kind: 'COMMUNE', formerCode: '17911', district: '429' },
    ],
  },
];

/** Left as it was (khoản 122: one of the nine communes not rearranged): the same unit before and after. */
export const UNCHANGED_2025 = [{ officialCode: '16816', name: 'Xã Mỹ Lý', kind: 'COMMUNE' as const }];

export const PROVINCE = {
  id: 'area-na-40',
  code: 'NA-40',
  officialCode: '40',
  name: 'Tỉnh Nghệ An',
} as const;

export const COMMUNES_RESOLUTION = { number: '1678/NQ-UBTVQH15', date: '2025-06-16', effectiveOn: '2025-07-01' };
export const DISTRICTS_END = { number: '72/2025/QH15', date: '2025-06-16', effectiveOn: '2025-07-01' };
const LAST_DAY = '2025-06-30';

/** The seeded districts and towns, by their number in the former list; all ended on 30 June 2025. */
const SEEDED_DISTRICTS: Readonly<Record<string, string>> = {
  '412': 'area-na-vinh',
  '414': 'area-na-thaihoa',
  '422': 'area-na-concuong',
  '425': 'area-na-dienchau',
  '429': 'area-na-nghiloc',
  '430': 'area-na-namdan',
  '432': 'area-na-hoangmai',
};

/** Thị xã Cửa Lò was merged into Thành phố Vinh from 1 December 2024 (Nghị quyết 1243/NQ-UBTVQH15). */
const CUA_LO = { id: 'area-na-cualo', lastDay: '2024-11-30' };

/** Formed by Quyết định 3255-QĐ/TU of 12/2/2025, in operation from 13/2/2025. */
export const PARTY_COMMITTEES_2025 = [
  {
    id: 'area-na-dangbo-cqd',
    code: 'NA-DANGBO-CQD',
    name: 'Đảng ủy các cơ quan Đảng tỉnh',
    validFrom: '2025-02-13',
    leader: 'official-ld-01',
  },
];

/** A Vietnam day as the map stores it (UTC midnight; domain/areas/rules.ts). */
const stored = (day: string) => new Date(`${day}T00:00:00.000Z`);

export const unitId = (officialCode: string) => `area-na-${officialCode}`;
export const formerId = (u: FormerUnit) => u.seeded ?? `area-na-cu-${u.formerCode}`;

/** The demonstration map; only outside production. Returns the number of areas it wrote. */
export async function seedDemoMap(prisma: PrismaClient): Promise<number> {
  if (process.env.NODE_ENV === 'production') return 0;
  const recordedBy = (await prisma.user.findUnique({ where: { username: 'admin' }, select: { id: true } }))?.id;
  if (!recordedBy) return 0;
  let written = 0;
  await prisma.$transaction(
    async (tx) => {
      const area = async (
        id: string,
        data: {
          code: string;
          name: string;
          kind: AreaKind;
          level: 'PROVINCE' | 'COMMUNE' | null;
          officialCode: string | null;
          parentId: string | null;
          validFrom: string | null;
          validUntil: string | null;
          leaderInChargeId?: string | null;
        },
      ) => {
        const row = {
          ...data,
          validFrom: data.validFrom ? stored(data.validFrom) : null,
          validUntil: data.validUntil ? stored(data.validUntil) : null,
        };
        await tx.area.upsert({ where: { id }, create: { id, ...row }, update: row });
        await tx.areaName.upsert({
          where: { id: `${id}-name` },
          create: {
            id: `${id}-name`,
            areaId: id,
            name: data.name,
            validFrom: row.validFrom,
            validUntil: row.validUntil,
          },
          update: { name: data.name, validFrom: row.validFrom, validUntil: row.validUntil },
        });
        written += 1;
      };
      /** A seeded area on the map: its period and level set, its name and code kept. */
      const seededArea = async (id: string, level: 'COMMUNE' | null, validUntil: string) => {
        const row = await tx.area.findUnique({ where: { id }, select: { name: true } });
        if (!row) return false;
        await tx.area.update({ where: { id }, data: { level, validUntil: stored(validUntil) } });
        await tx.areaName.upsert({
          where: { id: `${id}-name` },
          create: { id: `${id}-name`, areaId: id, name: row.name, validUntil: stored(validUntil) },
          update: { name: row.name, validUntil: stored(validUntil) },
        });
        return true;
      };
      const reorganization = async (
        id: string,
        kind: 'MERGE' | 'DISSOLVE',
        basis: { number: string; date: string; effectiveOn: string },
        note: string,
        predecessors: string[],
        successors: string[],
      ) => {
        const data = {
          kind,
          legalBasisNumber: basis.number,
          legalBasisDate: stored(basis.date),
          effectiveOn: stored(basis.effectiveOn),
          note,
        };
        await tx.reorganization.upsert({
          where: { id },
          create: { id, ...data, recordedById: recordedBy, recordedAt: new Date() },
          update: data,
        });
        for (const [areaId, side] of [
          ...predecessors.map((a) => [a, 'PREDECESSOR'] as const),
          ...successors.map((a) => [a, 'SUCCESSOR'] as const),
        ]) {
          const ceases = side === 'PREDECESSOR';
          await tx.reorganizationArea.upsert({
            where: { reorganizationId_areaId_side: { reorganizationId: id, areaId, side } },
            create: { reorganizationId: id, areaId, side, ceases },
            update: { ceases },
          });
        }
      };

      await area(PROVINCE.id, {
        code: PROVINCE.code,
        name: PROVINCE.name,
        kind: 'PROVINCE',
        level: 'PROVINCE',
        officialCode: PROVINCE.officialCode,
        parentId: null,
        validFrom: null,
        validUntil: null,
      });
      for (const p of PARTY_COMMITTEES_2025)
        await area(p.id, {
          code: p.code,
          name: p.name,
          kind: 'DIRECT_PARTY_COMMITTEE',
          level: null,
          officialCode: null,
          parentId: null,
          validFrom: p.validFrom,
          validUntil: null,
          leaderInChargeId: p.leader,
        });
      for (const u of UNCHANGED_2025)
        await area(unitId(u.officialCode), {
          code: `NA-${u.officialCode}`,
          name: u.name,
          kind: u.kind,
          level: 'COMMUNE',
          officialCode: u.officialCode,
          parentId: PROVINCE.id,
          validFrom: null,
          validUntil: null,
        });

      const districtsEnded: string[] = [];
      for (const id of Object.values(SEEDED_DISTRICTS))
        if (await seededArea(id, null, LAST_DAY)) districtsEnded.push(id);
      await seededArea(CUA_LO.id, null, CUA_LO.lastDay);

      for (const u of UNITS_2025) {
        const predecessors: string[] = [];
        for (const p of u.predecessors) {
          const id = formerId(p);
          if (p.seeded) {
            if (!(await seededArea(id, 'COMMUNE', LAST_DAY))) continue;
          } else {
            const district = SEEDED_DISTRICTS[p.district];
            await area(id, {
              code: `NA-CU-${p.formerCode}`,
              name: p.name,
              kind: p.kind,
              level: 'COMMUNE',
              officialCode: null,
              parentId: district ?? null,
              validFrom: null,
              validUntil: LAST_DAY,
            });
          }
          predecessors.push(id);
        }
        const id = unitId(u.officialCode);
        // The new unit's leader in charge: the one of the district its first former unit belonged to.
        const formerDistrict = SEEDED_DISTRICTS[u.predecessors[0]!.district];
        const leaderInChargeId = formerDistrict
          ? ((await tx.area.findUnique({ where: { id: formerDistrict }, select: { leaderInChargeId: true } }))
              ?.leaderInChargeId ?? null)
          : null;
        await area(id, {
          code: `NA-${u.officialCode}`,
          name: u.name,
          kind: u.kind,
          level: 'COMMUNE',
          officialCode: u.officialCode,
          parentId: PROVINCE.id,
          validFrom: COMMUNES_RESOLUTION.effectiveOn,
          validUntil: null,
          leaderInChargeId,
        });
        await reorganization(
          `reorg-na-1678-k${u.clause}`,
          'MERGE',
          COMMUNES_RESOLUTION,
          `Điều 1, khoản ${u.clause}`,
          predecessors,
          [id],
        );
      }
      await reorganization(
        'reorg-na-districts-2025',
        'DISSOLVE',
        DISTRICTS_END,
        'Đơn vị hành chính cấp huyện kết thúc hoạt động từ 01/07/2025',
        districtsEnded,
        [],
      );
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return written;
}
