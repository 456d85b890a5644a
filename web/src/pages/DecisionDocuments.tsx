/**
 * The decision's documents to download: the one issued (GET /decisions/:id/document, the same bytes every time) or
 * the draft before approval (GET /assignments/:id/decision-draft). Fetched with the session's token and saved under
 * the name the API gives, as a link cannot carry the token.
 */
import { useState } from 'react';
import { ApiError, apiFetch } from '../api';
import { ErrorMessage } from '../components';
import { useI18n } from '../i18n';

export async function saveAs(path: string, fallback: string): Promise<void> {
  const response = await apiFetch(path, { headers: { accept: '*/*' } });
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const named = /filename\*=UTF-8''([^;]+)/.exec(disposition) ?? /filename="([^"]+)"/.exec(disposition);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = named ? decodeURIComponent(named[1]!) : fallback;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The PDF and Word buttons of one document; `path` is its address without `?format=`, or found when clicked. */
export function DocumentLinks({ path, label }: { path: string | (() => Promise<string>); label: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const download = async (format: 'pdf' | 'docx') => {
    setBusy(true);
    setError(null);
    try {
      const base = typeof path === 'string' ? path : await path();
      await saveAs(`${base}?format=${format}`, `quyet-dinh.${format}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="documents" role="group" aria-label={label}>
      <span>{label}: </span>
      <button type="button" className="link" disabled={busy} onClick={() => void download('pdf')}>
        {t('papers.pdf')}
      </button>{' '}
      <button type="button" className="link" disabled={busy} onClick={() => void download('docx')}>
        {t('papers.docx')}
      </button>
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}

/** The issued decision's address, found by its number in the register (leadership and the auditor read it). */
export async function issuedDecisionPath(number: string, issuedOn: string, notYet: string): Promise<string> {
  const register = number.slice(number.indexOf('-') + 1);
  const query = new URLSearchParams({ register, year: issuedOn.slice(0, 4), limit: '100' });
  const response = await apiFetch(`/decisions?${query.toString()}`);
  const { items } = (await response.json()) as { items: { id: string; number: string }[] };
  const found = items.find((item) => item.number === number);
  if (!found) throw new ApiError(404, 'NOT_FOUND', notYet);
  return `/decisions/${encodeURIComponent(found.id)}/document`;
}
