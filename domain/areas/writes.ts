/**
 * Areas entered by the administrator, one by one or from a file: the unit with its first name from its first day, each
 * write audited once per change id (a retry writes nothing twice).
 */
import type { AreaKind, AreaLevel } from '../../prisma/database';
import type { AuditEntry, Tx } from '../audit/log';
import { recordOnce } from '../audit/log';
import type { Caller } from '../caller';
import type { Db } from '../organisation/audit';
import { dayDate, ruleViolated } from '../organisation/periods';
import { checkUnit } from './rules';

export interface AreaForm {
  code: string;
  officialCode: string | null;
  name: string;
  level: AreaLevel | null;
  kind: AreaKind;
  parentId: string | null;
  /** The unit's first day; null: since before the records. */
  validFrom: string | null;
}

export type AreaAction = 'AREA_CREATED' | 'REORGANIZATION_RECORDED';

/** The audit row of a change to the map, named by its change id. */
export function areaEntry(
  { actor, userId }: Caller,
  change: { changeId: string; action: AreaAction; entityType: 'Area' | 'Reorganization'; entityId: string },
  payload: Record<string, unknown>,
): AuditEntry {
  return {
    idempotencyKey: `areas:${change.action}:${change.changeId}`,
    at: new Date().toISOString(),
    actorId: actor.id,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    payload: { ...payload, userId },
  };
}

/** The area and its first name. */
export async function writeNewArea(tx: Tx, id: string, form: AreaForm): Promise<void> {
  const validFrom = form.validFrom ? dayDate(form.validFrom) : null;
  await tx.area.create({
    data: {
      id,
      code: form.code,
      officialCode: form.officialCode,
      name: form.name,
      level: form.level,
      kind: form.kind,
      parentId: form.parentId,
      validFrom,
    },
  });
  await tx.areaName.create({ data: { areaId: id, name: form.name, validFrom } });
}

/** Refuses a code, an official code (held now or ever) or a parent that does not hold. */
export async function checkNewArea(db: Db, id: string, form: AreaForm, field = ''): Promise<void> {
  checkUnit(form.level, form.kind, form.officialCode, field);
  const [byCode, byOfficial, parent] = await Promise.all([
    db.prisma.area.findUnique({ where: { code: form.code }, select: { id: true } }),
    form.officialCode
      ? db.prisma.area.findUnique({ where: { officialCode: form.officialCode }, select: { id: true, name: true } })
      : null,
    form.parentId ? db.prisma.area.findUnique({ where: { id: form.parentId }, select: { id: true } }) : null,
  ]);
  if (byCode && byCode.id !== id)
    throw ruleViolated('AREA_CODE_TAKEN', `The code ${form.code} is area ${byCode.id}'s`, { field: `${field}code` });
  if (byOfficial && byOfficial.id !== id)
    throw ruleViolated(
      'OFFICIAL_CODE_REUSED',
      `The official code ${form.officialCode} is ${byOfficial.name}'s (${byOfficial.id}); an official code is never given to another unit`,
      { field: `${field}officialCode` },
    );
  if (form.parentId && !parent)
    throw ruleViolated('UNKNOWN_PARENT', `No area ${form.parentId}`, { field: `${field}parentId` });
}

export async function createArea(db: Db, caller: Caller, id: string, form: AreaForm): Promise<void> {
  const existing = await db.prisma.area.findUnique({ where: { id }, select: { id: true } });
  if (existing) return; // the same keyed request again
  await checkNewArea(db, id, form);
  await recordOnce(
    db,
    areaEntry(caller, { changeId: id, action: 'AREA_CREATED', entityType: 'Area', entityId: id }, { ...form }),
    (tx) => writeNewArea(tx, id, form),
  );
}
