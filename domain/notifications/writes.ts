/** A user's own notification state: a notice read, and their choice of e-mail, language and address. */
import type { Language } from '../../labels/keys';
import type { PrismaClient } from '../../prisma/database';

/** Marks the notification read unless it is already (the first reading's instant stays). */
export async function markRead(prisma: PrismaClient, id: string, readAt: Date): Promise<void> {
  await prisma.notificationDelivery.updateMany({ where: { id, readAt: null }, data: { readAt } });
}

export async function setPreferences(
  prisma: PrismaClient,
  userId: string,
  {
    emailNotifications,
    language,
    email,
  }: { emailNotifications?: boolean | undefined; language?: Language | undefined; email?: string | null | undefined },
): Promise<void> {
  await prisma.user.update({
    where: { id: userId },
    data: {
      ...(emailNotifications !== undefined && { emailNotifications }),
      ...(language !== undefined && { language }),
      ...(email !== undefined && { email }),
    },
  });
}
