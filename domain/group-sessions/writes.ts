/** Recording a session of the group, chaired by its leader (Đ7.B.2), once per id, with its audit row. */
import { quarterOf } from '../../machines/meeting-policy';
import type { Database } from '../../prisma/database';
import { recordOnce } from '../audit/log';
import type { Caller } from '../caller';

export interface GroupSessionForm {
  heldOn: string;
  presentIds: string[];
  matters: string;
  conclusions: string;
  tasks: { officialId: string; task: string }[];
}

export async function recordGroupSession(
  db: Pick<Database, 'prisma' | 'provider'>,
  { actor, userId }: Caller,
  { id, groupId }: { id: string; groupId: string },
  body: GroupSessionForm,
): Promise<void> {
  const at = new Date();
  await recordOnce(
    db,
    {
      idempotencyKey: `group-session:${id}`,
      at: at.toISOString(),
      actorId: actor.id,
      action: 'GROUP_SESSION_RECORDED',
      entityType: 'MonitoringGroup',
      entityId: groupId,
      payload: { sessionId: id, heldOn: body.heldOn, present: body.presentIds.length, userId },
    },
    async (tx) => {
      await tx.groupSession.create({
        data: {
          id,
          groupId,
          heldOn: body.heldOn,
          quarter: quarterOf(body.heldOn),
          presentIds: JSON.stringify(body.presentIds),
          matters: body.matters,
          conclusions: body.conclusions,
          tasks: JSON.stringify(body.tasks),
          recordedById: actor.id,
          recordedAt: at,
        },
      });
    },
  );
}
