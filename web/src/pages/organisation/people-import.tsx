/** The Board's people from a file (CSV or .xlsx): all lines or none, each bad line listed with its column and rule. */
import { type FormEvent, useId, useState } from 'react';
import { ApiError, post } from '../../api';
import { ErrorMessage, Notice, Section, Table } from '../../components';
import { useI18n } from '../../i18n';
import { fileContent } from '../../upload';

interface ImportAnswer {
  file: string;
  created: unknown[];
  alreadyPresent: unknown[];
}

interface BadLine {
  line: number;
  column?: string;
  rule: string;
  message: string;
}

export function PeopleImportSection({ onImported }: { onImported(): void }) {
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
      setDone(await post<ImportAnswer>('/officials/import', { file: file.name, ...(await fileContent(file)) }));
      onImported();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const badLines =
    error instanceof ApiError && Array.isArray(error.details.rows) ? (error.details.rows as BadLine[]) : null;
  return (
    <Section title={t('org.import')}>
      <p className="intro">{t('org.import.intro')}</p>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('org.import')}>
        {done && (
          <Notice>
            {t('org.import.done', {
              created: String(done.created.length),
              already: String(done.alreadyPresent.length),
              file: done.file,
            })}
          </Notice>
        )}
        {badLines ? (
          <div className="alert alert-error" role="alert">
            <strong>{t('org.import.refused')}</strong>
          </div>
        ) : error ? (
          <ErrorMessage error={error} />
        ) : null}
        <div className={`field${missing ? ' has-error' : ''}`}>
          <label htmlFor={id}>
            {t('org.import.file')}
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
              {t('org.import.noFile')}
            </span>
          )}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('org.import.submit')}
        </button>
      </form>
      {badLines && (
        <Table
          rows={badLines}
          rowKey={(row, i) => `${row.line}-${i}`}
          columns={[
            { header: t('imp.line'), cell: (row) => row.line },
            { header: t('imp.column'), cell: (row) => row.column ?? '—' },
            { header: t('imp.rule'), cell: (row) => row.rule },
            { header: t('imp.reason'), cell: (row) => row.message },
          ]}
        />
      )}
    </Section>
  );
}
