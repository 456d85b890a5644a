import type { PrismaClient } from '../../prisma/database';
import { DEFAULT_POLICY, type Policy, PolicySchema } from '../../machines/policy';
import type { YearlyCadence } from '../../machines/yearly-cadence';
import { hashPassword } from '../../prisma/password';
import { createOtherProgramme } from './other-programme';

/** A yearly cadence for tests: quarterly reports, so a year's run owes three of them. */
export const TEST_YEARLY: YearlyCadence = {
  programmeDueOn: '01-31',
  reportEveryMonths: 3,
  periodicReportDueWorkingDaysAfterPeriodEnd: 10,
  yearlyReportDueOn: '12-15',
  reminderWorkingDaysBefore: 3,
  escalateToAgencyHeadAfterWorkingDays: 3,
  escalateToStandingCommitteeOfficeAfterWorkingDays: 10,
  comment: {
    requestOn: '11-15',
    dueWorkingDaysAfterRequest: 20,
    reminderWorkingDaysBefore: 5,
    escalateAfterWorkingDays: 5,
  },
};

export interface CommuneLinkFixture {
  programmeId: string;
  agencyId: string;
  leaderUserId: string;
  otherLeaderUserId: string;
  headUserId: string;
  standingCommitteeUserId: string;
  linkId: string;
  otherLinkId: string;
}

/**
 * A programme with a yearly cadence (its version `test.yearly-1` in force since 2000), an agency with its head and two
 * leaders, a Standing Committee member, and each leader monitoring one area from `from`. Names carry `tag`, so suites
 * sharing a database do not collide.
 */
export async function createCommuneLinks(
  prisma: PrismaClient,
  {
    tag,
    from,
    areaIds,
    publishedById,
  }: { tag: string; from: string; areaIds: [string, string]; publishedById: string },
): Promise<CommuneLinkFixture> {
  const programmeId = `programme-${tag}`;
  const policy: Policy = PolicySchema.parse({ ...DEFAULT_POLICY, version: 'test.other-1', yearly: TEST_YEARLY });
  await createOtherProgramme(prisma, {
    id: programmeId,
    code: `TEST_${tag.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`,
    policy,
    publishedById,
    cadenceKind: 'YEARLY_PROGRAMME_PERIODIC_REPORTS',
  });
  const user = async (name: string, roles: ('AGENCY_LEADER' | 'AGENCY_HEAD' | 'STANDING_COMMITTEE_MEMBER')[]) =>
    (
      await prisma.user.create({
        data: {
          id: `user-${tag}-${name}`,
          username: `${tag}.${name}`,
          // The seeded logins' password (test/support/api-client.ts), at the demo's low cost.
          passwordHash: await hashPassword(`DiaBan@${tag}.${name}`, { memoryCost: 4_096, timeCost: 1, parallelism: 1 }),
          displayName: `${tag} ${name}`,
          roles: { create: roles.map((role) => ({ role })) },
        },
      })
    ).id;
  const headUserId = await user('head', ['AGENCY_HEAD', 'AGENCY_LEADER']);
  const leaderUserId = await user('leader', ['AGENCY_LEADER']);
  const otherLeaderUserId = await user('leader2', ['AGENCY_LEADER']);
  const standingCommitteeUserId = await user('btv', ['STANDING_COMMITTEE_MEMBER']);
  const agencyId = `agency-${tag}`;
  await prisma.agency.create({ data: { id: agencyId, code: `A_${tag}`, name: `Agency ${tag}` } });
  const member = async (userId: string, isHead: boolean) =>
    (
      await prisma.agencyMember.create({
        data: { agencyId, userId, title: isHead ? 'Giám đốc Sở' : 'Phó Giám đốc Sở', isHead, from: '2020-01-01' },
      })
    ).id;
  await member(headUserId, true);
  const link = async (userId: string, areaId: string, suffix: string) =>
    (
      await prisma.agencyLeaderArea.create({
        data: { id: `link-${tag}-${suffix}`, programmeId, memberId: await member(userId, false), areaId, from },
      })
    ).id;
  const linkId = await link(leaderUserId, areaIds[0], 'a');
  const otherLinkId = await link(otherLeaderUserId, areaIds[1], 'b');
  return {
    programmeId,
    agencyId,
    leaderUserId,
    otherLeaderUserId,
    headUserId,
    standingCommitteeUserId,
    linkId,
    otherLinkId,
  };
}
