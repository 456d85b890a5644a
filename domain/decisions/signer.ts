/**
 * The signer of a written decision (Đ2.3: "phân công bằng văn bản"): a current member of Board leadership. Checked at
 * the edge, before the approval is sent to the workflow, so a decision signed by nobody or by a specialist never
 * enters its history (and no record of it can fail later on a reference that does not hold).
 */
import { LEADERSHIP } from '../../machines/roles';
import type { PrismaClient } from '../../prisma/database';
import { Refusal } from '../refusal';
import { RULE_VIOLATED } from '../../machines/rules';

const refused = (rule: string, message: string) =>
  new Refusal(422, RULE_VIOLATED, message, { rule, path: 'decision.signerId' });

export async function assertSignerIsLeadership(prisma: PrismaClient, signerId: string): Promise<void> {
  const signer = await prisma.official.findUnique({
    where: { id: signerId },
    select: { active: true, user: { select: { active: true, roles: { select: { role: true } } } } },
  });
  if (!signer) throw refused('UNKNOWN_SIGNER', `No official ${signerId} to sign the decision`);
  const roles = signer.user?.active ? signer.user.roles.map((r) => r.role) : [];
  if (!signer.active || !roles.some((role) => (LEADERSHIP as readonly string[]).includes(role))) {
    throw refused(
      'SIGNER_NOT_LEADERSHIP',
      `The decision must be signed by a current member of Board leadership; ${signerId} is not`,
    );
  }
}
