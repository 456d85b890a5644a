/** The bell in the header (issue 13, point 7): the count of unread notifications, linking to the notifications page. */
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { Link } from '../router';
import '../styles/notifications.css';

/** Sent by the notifications page when it marks one read, so the bell counts again at once. */
export const NOTIFICATIONS_CHANGED = 'dia-ban:notifications-changed';
const POLL_MS = 30_000;

export function NotificationBell() {
  const { t } = useI18n();
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const count = () =>
      api<{ unread: number }>('/me/notifications?limit=1').then(
        (page) => live && setUnread(page.unread),
        () => {},
      );
    void count();
    const timer = setInterval(() => void count(), POLL_MS);
    window.addEventListener(NOTIFICATIONS_CHANGED, count);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, count);
    };
  }, []);
  const label = t('bell.label', { count: unread ?? 0 });
  return (
    <Link to="/notifications" className="bell" data-testid="notification-bell" aria-label={label} title={label}>
      <span aria-hidden="true">🔔</span>
      {unread ? (
        <span className="bell-count" data-testid="notification-bell-count">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}
