/**
 * A file import (CSV or .xlsx) as every import route answers it: all lines or none; a refusal lists each bad line
 * with its column, rule and reason; the same file again brings in nothing new.
 */
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { ApiError, post } from '../api';
import { type MessageKey, useI18n } from '../i18n';
import { fileContent } from '../upload';
import { ErrorMessage, Notice } from './feedback';
import { Table } from './layout';

interface BadLine {
  line: number;
  column?: string;
  rule: string;
  message: string;
}

const SPREADSHEETS = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ImportForm<Answer>({
  path,
  labels,
  className = 'form',
  done,
  onImported,
  refusedLines = (table) => table,
}: {
  /** The import route, e.g. `/officials/import`. */
  path: string;
  labels: { form: MessageKey; file: MessageKey; noFile: MessageKey; submit: MessageKey; refused: MessageKey };
  className?: string;
  /** What to say once the file is in. */
  done(answer: Answer): ReactNode;
  onImported?(answer: Answer): void;
  /** Where the table of refused lines stands (a page may put it in a section of its own). */
  refusedLines?(table: ReactNode): ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAnswer(null);
    setError(null);
    setMissing(!file);
    if (!file) return;
    setBusy(true);
    try {
      const imported = await post<Answer>(path, { file: file.name, ...(await fileContent(file)) });
      setAnswer(imported);
      onImported?.(imported);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const badLines =
    error instanceof ApiError && Array.isArray(error.details.rows) ? (error.details.rows as BadLine[]) : null;
  return (
    <>
      <form className={className} onSubmit={(event) => void submit(event)} noValidate aria-label={t(labels.form)}>
        {answer && <Notice>{done(answer)}</Notice>}
        {badLines ? (
          <div className="alert alert-error" role="alert">
            <strong>{t(labels.refused)}</strong>
          </div>
        ) : error ? (
          <ErrorMessage error={error} />
        ) : null}
        <div className={`field${missing ? ' has-error' : ''}`}>
          <label htmlFor={id}>
            {t(labels.file)}
            <span className="req" aria-hidden="true">
              {' '}
              *
            </span>
          </label>
          <input
            id={id}
            type="file"
            accept={SPREADSHEETS}
            aria-required
            aria-invalid={missing || undefined}
            aria-describedby={missing ? `${id}-error` : undefined}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          {missing && (
            <span id={`${id}-error`} className="field-error" role="alert">
              {t(labels.noFile)}
            </span>
          )}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t(labels.submit)}
        </button>
      </form>
      {badLines &&
        refusedLines(
          <Table
            rows={badLines}
            rowKey={(row, i) => `${row.line}-${i}`}
            columns={[
              { header: t('imp.line'), cell: (row) => row.line },
              { header: t('imp.column'), cell: (row) => row.column ?? '—' },
              { header: t('imp.rule'), cell: (row) => row.rule },
              { header: t('imp.reason'), cell: (row) => row.message },
            ]}
          />,
        )}
    </>
  );
}
