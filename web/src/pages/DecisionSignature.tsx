/**
 * Whether a decision is signed ("đã ký số", GET /decisions/:id/signature), and for whom the API says may hand it in
 * (`mayHandIn`: its signer or the administrator), the form that hands in the signed PDF (POST
 * /decisions/:id/signed-document, multipart), which the API accepts only once the signature is verified; a refusal
 * shows its reason. SignedBadge shows a listed decision's `signature` the same way. The Standing Committee's
 * decisions use the same, under their own base (`/commune-decisions`, web/src/pages/CommuneDecisionsPage.tsx).
 */
import { type FormEvent, useId, useState } from 'react';
import type { DecisionSigned, SignatureStatus } from '../../../contracts/signatures';
import { ErrorMessage, Section, useApi } from '../components';
import { formatDate, formatDateTime } from '../format';
import { Link } from '../router';
import { interpolate, useI18n } from '../i18n';
import { signatureMessagesEn, signatureMessagesVi } from '../../../labels/messages.signatures';
import { uploadFile } from '../upload';

function useSignatureWords() {
  const { lang } = useI18n();
  const words = lang === 'vi' ? signatureMessagesVi : signatureMessagesEn;
  return (key: keyof typeof signatureMessagesVi, params?: Record<string, string>) => interpolate(words[key], params);
}

/** "Đã ký số": who the certificate names, when, and the verification's verdict; "Chưa có bản ký số" without one. */
export function SignedBadge({
  signature,
}: {
  signature: Pick<DecisionSigned, 'signerName' | 'signingTime' | 'verdict'> | null;
}) {
  const t = useSignatureWords();
  if (!signature) return <span className="badge badge-neutral">{t('signature.unsigned')}</span>;
  return (
    <span className="badge badge-ok" data-testid="decision-signed">
      {t('signature.signedBy', { name: signature.signerName, time: formatDateTime(signature.signingTime) })} (
      {t(`signature.verdict.${signature.verdict}`)})
    </span>
  );
}

/** `base`: the register's decisions' address, `/decisions` (the Board's) or `/commune-decisions` (the Standing Committee's). */
export function DecisionSignature({ decisionId, base = '/decisions' }: { decisionId: string; base?: string }) {
  const t = useSignatureWords();
  const path = `${base}/${encodeURIComponent(decisionId)}`;
  const status = useApi<SignatureStatus>(`${path}/signature`);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fileId = useId();

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await uploadFile(`${path}/signed-document`, 'file', file);
      status.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const signature = status.data;
  // Not loaded, or not the caller's to read (403): nothing to show.
  if (!signature) return null;
  if (signature.signed && signature.verdict)
    return (
      <p>
        <SignedBadge
          signature={{
            signerName: signature.signerName ?? '',
            signingTime: signature.signingTime ?? '',
            verdict: signature.verdict,
          }}
        />
      </p>
    );
  return (
    <div data-testid="decision-signature">
      <p>{t('signature.unsigned')}</p>
      {signature.mayHandIn && (
        <form className="form" onSubmit={(event) => void send(event)} aria-label={t('signature.upload')}>
          <div className="field">
            <label htmlFor={fileId}>{t('signature.file')}</label>
            <input
              id={fileId}
              type="file"
              accept="application/pdf"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          {error ? <ErrorMessage error={error} /> : null}
          <button type="submit" disabled={busy || !file}>
            {busy ? t('signature.uploading') : t('signature.upload')}
          </button>
        </form>
      )}
    </div>
  );
}

interface RegisterEntry {
  id: string;
  number: string;
  issuedOn: string;
  summary: string;
  assignmentId: string | null;
  signature: DecisionSigned | null;
}

/** The register's latest decisions (GET /decisions), each "Đã ký số" or not yet, linked to its assignment's page. */
export function RecentDecisions() {
  const t = useSignatureWords();
  const recent = useApi<{ items: RegisterEntry[] }>('/decisions?limit=10');
  if (!recent.data) return null;
  return (
    <Section title={t('signature.recent')}>
      {recent.data.items.length === 0 ? (
        <p className="empty">{t('signature.recentEmpty')}</p>
      ) : (
        <ul data-testid="recent-decisions">
          {recent.data.items.map((entry) => (
            <li key={entry.id} data-decision={entry.number}>
              {entry.assignmentId ? (
                <Link to={`/assignments/${encodeURIComponent(entry.assignmentId)}`}>{entry.number}</Link>
              ) : (
                entry.number
              )}{' '}
              ({formatDate(entry.issuedOn)}) {entry.summary} <SignedBadge signature={entry.signature} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
