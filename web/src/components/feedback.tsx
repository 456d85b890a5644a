/** What a page says back: an API error in words, a notice, loading, and the three states of loaded data together. */
import type { ReactNode } from 'react';
import { ApiError } from '../api';
import { type MessageKey, useI18n } from '../i18n';
import type { Loaded } from './data';

/** The user-facing text of an API error, in the user's language, with what the server said. */
export function useErrorText(): (error: unknown) => { title: string; detail?: string } {
  const { t, e } = useI18n();
  return (error) => {
    if (!(error instanceof ApiError))
      return { title: t('common.error'), detail: error instanceof Error ? error.message : String(error) };
    if (error.status === 404 && error.message.startsWith('No route')) {
      return { title: t('common.notAvailable', { path: error.message.replace(/^No route /, '') }) };
    }
    if (error.code === 'RuleViolated' || error.rule) {
      const rule = error.rule ? e('rule', error.rule) : '';
      const title = rule && rule !== error.rule ? rule : t('err.RuleViolated');
      return { title, detail: error.message };
    }
    if (error.code === 'TransitionRefused') {
      const allowed = error.allowedEvents;
      return {
        title: t('err.TransitionRefused'),
        detail: [error.message, allowed ? t('err.allowedNow', { events: allowed.join(', ') || '—' }) : '']
          .filter(Boolean)
          .join(' '),
      };
    }
    const key = `err.${error.code}` as MessageKey;
    const known = t(key);
    if (known !== key) return { title: known, detail: error.message };
    if (error.status >= 500) return { title: t('err.INTERNAL'), detail: error.message };
    return { title: error.message };
  };
}

/**
 * An API error in words. For a form's 400, `fields` are the errors shown beside the fields: the banner then only asks
 * to correct them, and lists the issues no field shows.
 */
export function ErrorMessage({
  error,
  onRetry,
  fields,
}: {
  error: unknown;
  onRetry?: () => void;
  fields?: Record<string, string>;
}) {
  const { t } = useI18n();
  const text = useErrorText()(error);
  if (!error) return null;
  const code = error instanceof ApiError ? `${error.status} ${error.code}` : undefined;
  const issues = error instanceof ApiError ? error.issues : [];
  if (fields && issues.length > 0) {
    const unshown = issues.filter((i) => !(i.path in fields) && !((i.path.split('.').pop() ?? '') in fields));
    return (
      <div className="alert alert-error" role="alert">
        <strong>{t('err.INVALID_INPUT')}</strong>
        <div className="detail">
          {unshown.length === 0 ? t('err.form') : unshown.map((i) => `${i.path || '—'}: ${i.message}`).join('; ')}
        </div>
      </div>
    );
  }
  return (
    <div className="alert alert-error" role="alert">
      <strong>{text.title}</strong>
      {text.detail && (
        <div className="detail">
          {t('err.serverSays')}: {text.detail}
          {code && <span className="code"> ({code})</span>}
        </div>
      )}
      {onRetry && (
        <button type="button" className="link" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Notice({ children, kind = 'success' }: { children: ReactNode; kind?: 'success' | 'warning' | 'info' }) {
  return (
    <div className={`alert alert-${kind}`} role="status">
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

/** Loading, then the error, then the content. */
export function Async<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.error) return <ErrorMessage error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) return <Loading />;
  return <>{children(loaded.data)}</>;
}
