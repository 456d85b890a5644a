/** The Board's departments: created and renamed by the administrator, each change audited. */
import { notFound } from '../refusal';
import { type Db, recordChange } from './audit';
import type { Caller } from '../caller';
import { ruleViolated } from './periods';

export interface DepartmentForm {
  code: string;
  name: string;
}

export async function createDepartment(db: Db, caller: Caller, id: string, form: DepartmentForm) {
  const existing = await db.prisma.department.findUnique({ where: { id }, select: { code: true } });
  if (!existing || existing.code !== form.code) {
    const taken = await db.prisma.department.findUnique({ where: { code: form.code }, select: { id: true } });
    if (taken) throw ruleViolated('DEPARTMENT_CODE_TAKEN', `The code ${form.code} is department ${taken.id}'s`);
  }
  await recordChange(
    db,
    caller,
    { changeId: id, action: 'DEPARTMENT_CREATED', entityType: 'Department', entityId: id, payload: { ...form } },
    async (tx) => {
      await tx.department.create({ data: { id, code: form.code, name: form.name } });
    },
  );
  return departmentRef(db, id);
}

export async function renameDepartment(db: Db, caller: Caller, changeId: string, id: string, name: string) {
  const department = await db.prisma.department.findUnique({ where: { id }, select: { name: true } });
  if (!department) throw notFound('department', id);
  if (department.name !== name)
    await recordChange(
      db,
      caller,
      {
        changeId,
        action: 'DEPARTMENT_RENAMED',
        entityType: 'Department',
        entityId: id,
        payload: { from: department.name, to: name },
      },
      async (tx) => {
        await tx.department.update({ where: { id }, data: { name } });
      },
    );
  return departmentRef(db, id);
}

function departmentRef(db: Db, id: string) {
  return db.prisma.department.findUniqueOrThrow({ where: { id }, select: { id: true, code: true, name: true } });
}
