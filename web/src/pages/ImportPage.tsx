/**
 * Moving in: the administrator (or Board leadership) uploads the roster of assignments already in
 * force, an Excel workbook or a CSV file (domain/assignments/roster-csv.ts). All of it is imported or nothing: each bad line is listed with its
 * column, rule and reason; the same file again imports nothing new.
 */
import { type FormEvent, useId, useState } from 'react';
import { ApiError, post } from '../api';
import { ErrorMessage, Notice, PageTitle, Section, Table } from '../components';
import { useI18n } from '../i18n';
import { fileContent } from '../upload';

interface ImportAnswer {
  file: string;
  imported: unknown[];
  alreadyImported: unknown[];
}

interface BadRow {
  line: number;
  column?: string;
  rule: string;
  message: string;
}

export function ImportPage() {
  const { t } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ImportAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setError(null);
    setMissing(!file);
    if (!file) return;
    setBusy(true);
    try {
      setDone(await post<ImportAnswer>('/assignments/import', { file: file.name, ...(await fileContent(file)) }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const badRows =
    error instanceof ApiError && Array.isArray(error.details.rows) ? (error.details.rows as BadRow[]) : null;
  return (
    <>
      <PageTitle intro={t('imp.intro')}>{t('imp.title')}</PageTitle>
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('imp.title')}>
        {done && (
          <Notice>
            {t('imp.done', {
              imported: String(done.imported.length),
              already: String(done.alreadyImported.length),
              file: done.file,
            })}
          </Notice>
        )}
        {badRows ? (
          <div className="alert alert-error" role="alert">
            <strong>{t('imp.refused')}</strong>
          </div>
        ) : error ? (
          <ErrorMessage error={error} />
        ) : null}
        <div className={`field${missing ? ' has-error' : ''}`}>
          <label htmlFor={id}>
            {t('imp.file')}
            <span className="req" aria-hidden="true">
              {' '}
              *
            </span>
          </label>
          <input
            id={id}
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-required
            aria-invalid={missing || undefined}
            aria-describedby={missing ? `${id}-error` : undefined}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          {missing && (
            <span id={`${id}-error`} className="field-error" role="alert">
              {t('imp.noFile')}
            </span>
          )}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('imp.submit')}
        </button>
      </form>
      {badRows && (
        <Section title={t('imp.refused')}>
          <Table
            rows={badRows}
            rowKey={(row, i) => `${row.line}-${i}`}
            columns={[
              { header: t('imp.line'), cell: (row) => row.line },
              { header: t('imp.column'), cell: (row) => row.column ?? '—' },
              { header: t('imp.rule'), cell: (row) => row.rule },
              { header: t('imp.reason'), cell: (row) => row.message },
            ]}
          />
        </Section>
      )}
    </>
  );
}
