/**
 * The administrator enters a provincial agency and its people (seed 001): the agency, then each member (a user whose
 * account holds AGENCY_LEADER or AGENCY_HEAD) with their title, head or not, from a day. Each change is one
 * transaction with its audit row, once per change id (the request's keyed id).
 */
import type { AgencyMemberRef, AgencyRef } from '../../contracts/agencies';
import type { Database } from '../../prisma/database';
import { recordOnce } from '../audit/log';
import type { Caller } from '../caller';
import { ruleViolated } from '../organisation/periods';
import { notFound } from '../refusal';

type Db = Pick<Database, 'prisma' | 'provider'>;

export interface AgencyForm {
  code: string;
  name: string;
  areaId?: string | undefined;
}

export interface AgencyMemberForm {
  userId: string;
  title: string;
  isHead: boolean;
  from: string;
}

const agencyRef = (db: Db, id: string): Promise<AgencyRef> =>
  db.prisma.agency.findUniqueOrThrow({ where: { id }, select: { id: true, code: true, name: true, areaId: true } });

export async function createAgency(db: Db, { actor, userId }: Caller, id: string, form: AgencyForm) {
  const existing = await db.prisma.agency.findUnique({ where: { id }, select: { code: true } });
  if (!existing || existing.code !== form.code) {
    const taken = await db.prisma.agency.findUnique({ where: { code: form.code }, select: { id: true } });
    if (taken)
      throw ruleViolated('AGENCY_CODE_TAKEN', `The code ${form.code} is agency ${taken.id}'s`, { field: 'code' });
  }
  if (form.areaId && !(await db.prisma.area.findUnique({ where: { id: form.areaId }, select: { id: true } })))
    throw notFound('area', form.areaId);
  await recordOnce(
    db,
    {
      idempotencyKey: `agencies:AGENCY_CREATED:${id}`,
      at: new Date().toISOString(),
      actorId: actor.id,
      action: 'AGENCY_CREATED',
      entityType: 'Agency',
      entityId: id,
      payload: { ...form, userId },
    },
    async (tx) => {
      await tx.agency.create({ data: { id, code: form.code, name: form.name, areaId: form.areaId ?? null } });
    },
  );
  return agencyRef(db, id);
}

export async function addAgencyMember(
  db: Db,
  { actor, userId }: Caller,
  id: string,
  agencyId: string,
  form: AgencyMemberForm,
): Promise<AgencyMemberRef> {
  const agency = await db.prisma.agency.findUnique({ where: { id: agencyId }, select: { id: true } });
  if (!agency) throw notFound('agency', agencyId);
  const user = await db.prisma.user.findUnique({
    where: { id: form.userId },
    select: { roles: { select: { role: true } } },
  });
  if (!user) throw notFound('user', form.userId);
  const roles = user.roles.map((r) => r.role);
  if (form.isHead ? !roles.includes('AGENCY_HEAD') : !roles.some((r) => r === 'AGENCY_LEADER' || r === 'AGENCY_HEAD'))
    throw ruleViolated(
      'AGENCY_MEMBER_ROLE',
      form.isHead
        ? "An agency's head holds the role AGENCY_HEAD"
        : "An agency's leader holds the role AGENCY_LEADER (or AGENCY_HEAD)",
      { field: form.isHead ? 'isHead' : 'userId' },
    );
  const written = await db.prisma.agencyMember.findUnique({ where: { id }, select: { id: true } });
  if (!written) {
    const twice = await db.prisma.agencyMember.findFirst({
      where: { agencyId, userId: form.userId, OR: [{ until: null }, { until: { gte: form.from } }] },
      select: { id: true },
    });
    if (twice)
      throw ruleViolated('AGENCY_MEMBER_TWICE', `User ${form.userId} is already member ${twice.id} of this agency`, {
        field: 'userId',
      });
  }
  await recordOnce(
    db,
    {
      idempotencyKey: `agencies:AGENCY_MEMBER_ADDED:${id}`,
      at: new Date().toISOString(),
      actorId: actor.id,
      action: 'AGENCY_MEMBER_ADDED',
      entityType: 'Agency',
      entityId: agencyId,
      payload: { memberId: id, ...form, userId, memberUserId: form.userId },
    },
    async (tx) => {
      await tx.agencyMember.create({ data: { id, agencyId, ...form } });
    },
  );
  return db.prisma.agencyMember.findUniqueOrThrow({
    where: { id },
    select: { id: true, agencyId: true, userId: true, title: true, isHead: true, from: true, until: true },
  });
}
