/** The bell in the header: the count of unread notifications, linking to the notifications page. */
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
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      {unread ? (
        <span className="bell-count" data-testid="notification-bell-count">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}
