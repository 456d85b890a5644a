import type { NoticeTemplate } from '../labels/notifications';
import type { Role } from '../machines/actor';
import type { Tx } from './audit/log';

export interface Notification {
  /** Official id, or undefined when addressed to a role (e.g. an area's committee). */
  recipientId?: string | undefined;
  recipientRole?: Role | undefined;
  /** What the notice says (labels/notifications.ts): a name it does not know fails typecheck. */
  template: NoticeTemplate;
  payload: Record<string, unknown>;
}

/** Notifications wait in the outbox until a delivery channel picks them up; keyed so retries add nothing. */
export async function enqueueNotifications(
  tx: Tx,
  keyPrefix: string,
  at: string,
  notifications: readonly Notification[],
) {
  for (const [index, notification] of notifications.entries()) {
    await tx.outboxMessage.create({
      data: {
        idempotencyKey: `${keyPrefix}#n${index}`,
        recipientId: notification.recipientId ?? null,
        recipientRole: notification.recipientRole ?? null,
        template: notification.template,
        payload: notification.payload as object,
        createdAt: new Date(at),
      },
    });
  }
}
