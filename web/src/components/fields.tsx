/**
 * Form fields: each labelled, with its hint and its error beside it (and described by them), required or optional
 * said in the label.
 */
import { type ReactNode, useId } from 'react';
import { useI18n } from '../i18n';

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
        {required ? (
          <span className="req" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
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
export function TextArea({
  label,
  error,
  hint,
  required,
  value,
  onChange,
  rows = 3,
  name,
}: FieldProps & { value: string; onChange(value: string): void; rows?: number; name?: string }) {
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

export function Checkbox({
  label,
  checked,
  onChange,
  error,
}: {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <div className={`field field-check${error ? ' has-error' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={error ? `${id}-error` : undefined}
      />
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
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
        onChange={(event) => onChange(event.target.value)}
      >
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
}: {
  legend: string;
  error?: string | undefined;
  required?: boolean;
  value: string;
  onChange(value: string): void;
  options: { value: string; label: string }[];
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset
      className={`field radio-group${error ? ' has-error' : ''}`}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>
        {legend}
        {required ? (
          <span className="req" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
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
