/**
 * The caller's notifications: what happened, the deadline, a link to the thing concerned (the
 * month, the proposal, the evaluation), read or unread; and how they are notified (e-mail on or off, its language).
 */
import { type FormEvent, useEffect, useState } from 'react';
import { api, type Page, post } from '../api';
import { Async, Checkbox, ErrorMessage, Notice, PageTitle, Section, Select, useApi } from '../components';
import { NOTIFICATIONS_CHANGED } from '../components/notification-bell';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { BASE, Link } from '../router';
import { useFormSubmit } from '../use-form-submit';

interface NotificationItem {
  id: string;
  template: string;
  title: string;
  dueLine: string | null;
  link: string;
  createdAt: string;
  readAt: string | null;
}
interface Preferences {
  emailNotifications: boolean;
  language: 'vi' | 'en';
  email: string | null;
}

const inApp = (link: string) => (link.startsWith(`${BASE}/`) ? link.slice(BASE.length) : link);

export function NotificationsPage() {
  const { t, lang } = useI18n();
  const list = useApi<Page<NotificationItem> & { unread: number }>(`/me/notifications?limit=100&lang=${lang}`);
  const markRead = async (id: string) => {
    await post(`/me/notifications/${encodeURIComponent(id)}/read`);
    window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
    list.reload();
  };
  return (
    <>
      <PageTitle intro={t('ntf.intro')}>{t('ntf.title')}</PageTitle>
      <Section title={t('ntf.title')}>
        <Async loaded={list}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="empty">{t('ntf.empty')}</p>
            ) : (
              <ul className="notifications" data-testid="notification-list">
                {page.items.map((n) => (
                  <li key={n.id} className={n.readAt ? 'read' : 'unread'} data-testid={`notification-${n.template}`}>
                    <div>
                      {!n.readAt && <span className="badge badge-info">{t('ntf.unread')}</span>}{' '}
                      <Link to={inApp(n.link)} onClick={() => void (n.readAt ? undefined : markRead(n.id))}>
                        {n.title}
                      </Link>
                    </div>
                    <div className="muted">
                      {n.dueLine ? `${n.dueLine} · ` : ''}
                      {t('ntf.received', { at: formatDateTime(n.createdAt) })}
                    </div>
                    {!n.readAt && (
                      <button type="button" className="secondary" onClick={() => void markRead(n.id)}>
                        {t('ntf.markRead')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )
          }
        </Async>
      </Section>
      <PreferencesForm />
    </>
  );
}

function PreferencesForm() {
  const { t } = useI18n();
  const loaded = useApi<Preferences>('/me/preferences');
  const [prefs, setPrefs] = useState<Preferences | undefined>();
  const { errors, error, busy, submit: send } = useFormSubmit();
  const [saved, setSaved] = useState(false);
  useEffect(() => setPrefs(loaded.data), [loaded.data]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!prefs) return;
    setSaved(false);
    const body = { emailNotifications: prefs.emailNotifications, language: prefs.language };
    if (await send({ ok: true, data: body }, (data) => api('/me/preferences', { method: 'PUT', body: data })))
      setSaved(true);
  };
  return (
    <Section title={t('ntf.prefs')}>
      {prefs && (
        <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('ntf.prefs')}>
          {saved && <Notice>{t('ntf.prefs.saved')}</Notice>}
          {error ? <ErrorMessage error={error} fields={errors} /> : null}
          <p className="muted">
            {prefs.email ? t('ntf.prefs.address', { address: prefs.email }) : t('ntf.prefs.noAddress')}
          </p>
          <Checkbox
            label={t('ntf.prefs.email')}
            checked={prefs.emailNotifications}
            onChange={(emailNotifications) => setPrefs({ ...prefs, emailNotifications })}
            error={errors.emailNotifications}
          />
          <Select
            label={t('ntf.prefs.language')}
            value={prefs.language}
            onChange={(language) => setPrefs({ ...prefs, language: language === 'en' ? 'en' : 'vi' })}
            options={[
              { value: 'vi', label: t('lang.vi') },
              { value: 'en', label: t('lang.en') },
            ]}
            error={errors.language}
          />
          <button type="submit" disabled={busy}>
            {t('ntf.prefs.save')}
          </button>
        </form>
      )}
    </Section>
  );
}
