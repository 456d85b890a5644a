/**
 * Officials as the administrator keeps them: entered with their code, name, post (position and department), e-mail and
 * first day; their details corrected; their post changed from a day, the earlier post kept (OfficialPost). Leaving is
 * leaving.ts. The checks are one function over what the records hold, so the people import (people-import.ts) applies
 * the same ones to every line of a file.
 */
import type { OfficialPosition } from '../../prisma/database';
import type { Tx } from '../audit/log';
import type { Caller } from '../caller';
import { notFound } from '../refusal';
import { officialSummarySelect } from '../directory/views';
import { type Db, recordChange } from './audit';
import { dayDate, dayOrNull, refuseFutureDay, ruleViolated, today } from './periods';

export interface OfficialForm {
  code: string;
  fullName: string;
  position: OfficialPosition;
  departmentId: string | null;
  email: string | null;
  /** The first day of service at the Board. */
  activeFrom: string;
}

/** A rule an official's form breaks, with the field at fault. */
export interface OfficialViolation {
  field: keyof OfficialForm;
  rule: string;
  message: string;
}

/** What the records hold that a new official's form is checked against. */
export interface OfficialChecks {
  knownDepartmentIds: ReadonlySet<string>;
  takenCodes: ReadonlySet<string>;
  takenEmails: ReadonlySet<string>;
  /** The Head of Board in office, if any: one at a time. */
  headOfBoardId: string | null;
}

export function newOfficialViolations(form: OfficialForm, checks: OfficialChecks): OfficialViolation[] {
  const out: OfficialViolation[] = [];
  if (checks.takenCodes.has(form.code))
    out.push({ field: 'code', rule: 'OFFICIAL_CODE_TAKEN', message: `The code ${form.code} is taken` });
  if (form.email && checks.takenEmails.has(form.email.toLowerCase()))
    out.push({ field: 'email', rule: 'EMAIL_TAKEN', message: `The e-mail ${form.email} is another official's` });
  if (form.departmentId && !checks.knownDepartmentIds.has(form.departmentId))
    out.push({ field: 'departmentId', rule: 'UNKNOWN_DEPARTMENT', message: `No department ${form.departmentId}` });
  if (form.position === 'HEAD_OF_BOARD' && checks.headOfBoardId)
    out.push({
      field: 'position',
      rule: 'HEAD_OF_BOARD_TAKEN',
      message: `The Board has its Head (${checks.headOfBoardId}); change their post first`,
    });
  if (form.activeFrom > today())
    out.push({
      field: 'activeFrom',
      rule: 'EFFECTIVE_IN_FUTURE',
      message: `activeFrom is ${form.activeFrom}, after today: an official is entered once in service`,
    });
  return out;
}

/** The checks for the given forms, read in one query per table. */
export async function officialChecks(db: Db, forms: Pick<OfficialForm, 'code' | 'email' | 'departmentId'>[]) {
  const [departments, codes, emails, head] = await Promise.all([
    db.prisma.department.findMany({
      where: { id: { in: forms.flatMap((f) => (f.departmentId ? [f.departmentId] : [])) } },
      select: { id: true },
    }),
    db.prisma.official.findMany({ where: { code: { in: forms.map((f) => f.code) } }, select: { code: true } }),
    db.prisma.official.findMany({
      where: { email: { in: forms.flatMap((f) => (f.email ? [f.email.toLowerCase()] : [])) } },
      select: { email: true },
    }),
    db.prisma.official.findFirst({ where: { position: 'HEAD_OF_BOARD', active: true }, select: { id: true } }),
  ]);
  return {
    knownDepartmentIds: new Set(departments.map((d) => d.id)),
    takenCodes: new Set(codes.map((o) => o.code)),
    takenEmails: new Set(emails.map((o) => o.email!.toLowerCase())),
    headOfBoardId: head?.id ?? null,
  } satisfies OfficialChecks;
}

/** Writes a new official and their first post, inside the change's transaction. */
export async function writeNewOfficial(tx: Tx, id: string, form: OfficialForm): Promise<void> {
  await tx.official.create({
    data: {
      id,
      code: form.code,
      fullName: form.fullName,
      position: form.position,
      departmentId: form.departmentId,
      email: form.email,
      activeFrom: dayDate(form.activeFrom),
    },
  });
  await tx.officialPost.create({
    data: {
      officialId: id,
      position: form.position,
      departmentId: form.departmentId,
      from: dayDate(form.activeFrom),
    },
  });
}

export async function createOfficial(db: Db, caller: Caller, id: string, form: OfficialForm) {
  const existing = await db.prisma.official.findUnique({ where: { id }, select: { code: true } });
  if (!existing) {
    const [violation] = newOfficialViolations(form, await officialChecks(db, [form]));
    if (violation) throw ruleViolated(violation.rule, violation.message, { field: violation.field });
    await recordChange(
      db,
      caller,
      { changeId: id, action: 'OFFICIAL_CREATED', entityType: 'Official', entityId: id, payload: { ...form } },
      (tx) => writeNewOfficial(tx, id, form),
    );
  }
  return officialPosts(db, id);
}

export interface OfficialDetails {
  fullName?: string | undefined;
  email?: string | null | undefined;
}

/** Corrects an official's name or e-mail: not dated, since they are the same person; the audit row keeps the old. */
export async function changeOfficialDetails(
  db: Db,
  caller: Caller,
  changeId: string,
  id: string,
  body: OfficialDetails,
) {
  const official = await db.prisma.official.findUnique({ where: { id }, select: { fullName: true, email: true } });
  if (!official) throw notFound('official', id);
  if (body.email) {
    const other = await db.prisma.official.findFirst({
      where: { email: body.email, id: { not: id } },
      select: { id: true },
    });
    if (other)
      throw ruleViolated('EMAIL_TAKEN', `The e-mail ${body.email} is official ${other.id}'s`, { field: 'email' });
  }
  await recordChange(
    db,
    caller,
    {
      changeId,
      action: 'OFFICIAL_DETAILS_CHANGED',
      entityType: 'Official',
      entityId: id,
      payload: { from: official, to: body },
    },
    async (tx) => {
      await tx.official.update({
        where: { id },
        data: {
          ...(body.fullName !== undefined && { fullName: body.fullName }),
          ...(body.email !== undefined && { email: body.email }),
        },
      });
    },
  );
  return officialPosts(db, id);
}

export interface PostChange {
  position: OfficialPosition;
  departmentId: string | null;
  /** The first day of the new post. */
  from: string;
  /** The decision or reason, for the record. */
  note: string;
}

/**
 * Changes an official's post from a day: the post in force ends that day, the new one begins. An official entered
 * before the posts were kept gets their former post on record first, "since before the records".
 */
export async function changePost(db: Db, caller: Caller, changeId: string, id: string, change: PostChange) {
  refuseFutureDay(change.from, 'from');
  const official = await db.prisma.official.findUnique({
    where: { id },
    select: {
      active: true,
      activeFrom: true,
      position: true,
      departmentId: true,
      posts: { where: { until: null }, orderBy: { from: 'desc' }, take: 1, select: { id: true, from: true } },
    },
  });
  if (!official) throw notFound('official', id);
  if (!official.active) throw ruleViolated('OFFICIAL_NOT_ACTIVE', `Official ${id} has left the Board`);
  const from = dayDate(change.from);
  const current = official.posts[0];
  if (current?.from && current.from > from)
    throw ruleViolated(
      'POST_BEFORE_CURRENT',
      `The post in force began on ${dayOrNull(current.from)}: a new post begins on that day or later`,
      { field: 'from' },
    );
  if (change.departmentId) {
    const known = await db.prisma.department.findUnique({ where: { id: change.departmentId }, select: { id: true } });
    if (!known)
      throw ruleViolated('UNKNOWN_DEPARTMENT', `No department ${change.departmentId}`, { field: 'departmentId' });
  }
  if (change.position === 'HEAD_OF_BOARD' && official.position !== 'HEAD_OF_BOARD') {
    const head = await db.prisma.official.findFirst({
      where: { position: 'HEAD_OF_BOARD', active: true },
      select: { id: true },
    });
    if (head) throw ruleViolated('HEAD_OF_BOARD_TAKEN', `The Board has its Head (${head.id}); change their post first`);
  }
  await recordChange(
    db,
    caller,
    {
      changeId,
      action: 'OFFICIAL_POST_CHANGED',
      entityType: 'Official',
      entityId: id,
      payload: {
        from: { position: official.position, departmentId: official.departmentId },
        to: { position: change.position, departmentId: change.departmentId },
        on: change.from,
        note: change.note,
      },
    },
    async (tx) => {
      if (current && current.from?.getTime() === from.getTime()) {
        await tx.officialPost.update({
          where: { id: current.id },
          data: { position: change.position, departmentId: change.departmentId },
        });
      } else {
        if (current) await tx.officialPost.update({ where: { id: current.id }, data: { until: from } });
        else
          await tx.officialPost.create({
            data: {
              officialId: id,
              position: official.position,
              departmentId: official.departmentId,
              from: official.activeFrom,
              until: from,
            },
          });
        await tx.officialPost.create({
          data: { officialId: id, position: change.position, departmentId: change.departmentId, from },
        });
      }
      await tx.official.update({
        where: { id },
        data: { position: change.position, departmentId: change.departmentId },
      });
    },
  );
  return officialPosts(db, id);
}

/** An official's posts over time and their days of service (the organisation chart's, not the personnel record). */
export async function officialPosts(db: Db, id: string) {
  const official = await db.prisma.official.findUnique({
    where: { id },
    select: {
      ...officialSummarySelect,
      email: true,
      active: true,
      activeFrom: true,
      activeUntil: true,
      posts: {
        orderBy: [{ from: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }],
        select: {
          position: true,
          from: true,
          until: true,
          department: { select: { id: true, code: true, name: true } },
        },
      },
    },
  });
  if (!official) throw notFound('official', id);
  const { posts, activeFrom, activeUntil, ...summary } = official;
  const kept = posts.map((p) => ({ ...p, from: dayOrNull(p.from), until: dayOrNull(p.until) }));
  return {
    ...summary,
    activeFrom: dayOrNull(activeFrom),
    activeUntil: dayOrNull(activeUntil),
    // An official entered before the posts were kept has their present post only, since before the records.
    posts:
      kept.length > 0
        ? kept
        : [{ position: summary.position, department: summary.department, from: null, until: null }],
  };
}
