/** Building blocks shared by the pages: labelled fields with their errors, API errors, loading, tables. */
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { api, ApiError } from './api';
import { type MessageKey, useI18n } from './i18n';

// ───────────────────────── data ─────────────────────────

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** GETs a path (null: nothing to load) and reloads when it changes or on demand. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: null, loading: !!path });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) {
      setState({ data: undefined, error: null, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api<T>(path).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** Runs an async loader (several calls) and reloads on demand. */
export function useLoader<T>(load: (() => Promise<T>) | null, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: null, loading: !!load });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const run = loadRef.current;
    if (!run) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    run().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

// ───────────────────────── errors ─────────────────────────

/** The user-facing text of an API error, in the user's language, with what the server said. */
export function useErrorText(): (error: unknown) => { title: string; detail?: string } {
  const { t, e } = useI18n();
  return (error) => {
    if (!(error instanceof ApiError)) return { title: t('common.error'), detail: error instanceof Error ? error.message : String(error) };
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
      return { title: t('err.TransitionRefused'), detail: [error.message, allowed ? t('err.allowedNow', { events: allowed.join(', ') || '—' }) : ''].filter(Boolean).join(' ') };
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
export function ErrorMessage({ error, onRetry, fields }: { error: unknown; onRetry?: () => void; fields?: Record<string, string> }) {
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
        <div className="detail">{unshown.length === 0 ? t('err.form') : unshown.map((i) => `${i.path || '—'}: ${i.message}`).join('; ')}</div>
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

// ───────────────────────── fields ─────────────────────────

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
}

function FieldShell({ id, label, error, hint, required, children }: FieldProps & { id: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="req" aria-hidden="true"> *</span> : null}
        {required === false ? <span className="opt"> {t('common.optional')}</span> : null}
      </label>
      {children}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  return [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
}

export function TextField({
  label,
  error,
  hint,
  required,
  value,
  onChange,
  type = 'text',
  autoComplete,
  name,
  placeholder,
  inputMode,
  autoFocus,
}: FieldProps & {
  value: string;
  onChange(value: string): void;
  type?: string;
  autoComplete?: string;
  name?: string;
  placeholder?: string;
  inputMode?: 'text' | 'numeric';
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required}>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        placeholder={placeholder}
        autoComplete={autoComplete}
        inputMode={inputMode}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldShell>
  );
}

/** A day typed as dd/mm/yyyy. */
export function DateField(props: Omit<Parameters<typeof TextField>[0], 'type' | 'placeholder' | 'inputMode'>) {
  return <TextField {...props} placeholder="dd/mm/yyyy" inputMode="numeric" />;
}

/** Multi-line text; Ctrl+Enter (or ⌘+Enter) submits its form, since Enter makes a new line. */
export function TextArea({ label, error, hint, required, value, onChange, rows = 3, name }: FieldProps & { value: string; onChange(value: string): void; rows?: number; name?: string }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
        }}
      />
    </FieldShell>
  );
}

export function Checkbox({ label, checked, onChange, error }: { label: string; checked: boolean; onChange(checked: boolean): void; error?: string | undefined }) {
  const id = useId();
  return (
    <div className={`field field-check${error ? ' has-error' : ''}`}>
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} aria-describedby={error ? `${id}-error` : undefined} />
      <label htmlFor={id}>{label}</label>
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function Select({
  label,
  error,
  required,
  value,
  onChange,
  options,
}: FieldProps & { value: string; onChange(value: string): void; options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} required={required}>
      <select id={id} value={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error)} onChange={(event) => onChange(event.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/**
 * One choice among a few, as radio buttons under a legend. Enter on a choice submits the form (a radio button has no
 * implicit submission of its own everywhere); the error, beside the group, describes every button.
 */
export function RadioGroup({
  legend,
  error,
  required,
  value,
  onChange,
  options,
}: { legend: string; error?: string | undefined; required?: boolean; value: string; onChange(value: string): void; options: { value: string; label: string }[] }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset className={`field radio-group${error ? ' has-error' : ''}`} aria-describedby={error ? errorId : undefined}>
      <legend>
        {legend}
        {required ? <span className="req" aria-hidden="true"> *</span> : null}
      </legend>
      {options.map((option, i) => (
        <div key={option.value} className="field-check">
          <input
            id={`${id}-${i}`}
            type="radio"
            name={id}
            value={option.value}
            checked={value === option.value}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={() => onChange(option.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
          />
          <label htmlFor={`${id}-${i}`}>{option.label}</label>
        </div>
      ))}
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}

// ───────────────────────── layout ─────────────────────────

export function PageTitle({ children, intro }: { children: ReactNode; intro?: ReactNode }) {
  return (
    <header className="page-title">
      <h1>{children}</h1>
      {intro && <p className="intro">{intro}</p>}
    </header>
  );
}

export function Section({ title, children, id, actions }: { title: ReactNode; children: ReactNode; id?: string; actions?: ReactNode }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} id={id}>
      <div className="card-head">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function Badge({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'ok' | 'warn' | 'bad' | 'info' }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export interface Column<Row> {
  header: string;
  cell(row: Row): ReactNode;
  className?: string;
}

export function Table<Row>({ rows, columns, caption, empty, rowKey }: { rows: Row[]; columns: Column<Row>[]; caption?: string; empty?: string; rowKey(row: Row, index: number): string }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p className="empty">{empty ?? t('common.noData')}</p>;
  return (
    <div className="table-wrap">
      <table>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {columns.map((c) => (
                <td key={c.header} className={c.className}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
