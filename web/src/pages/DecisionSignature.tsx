/**
 * Whether a decision is signed ("đã ký số", GET /decisions/:id/signature), and for its signer or the administrator,
 * the form that hands in the signed PDF (POST /decisions/:id/signed-document, multipart), which the API accepts only
 * once the signature is verified; a refusal shows its reason.
 */
import { type FormEvent, useId, useState } from 'react';
import type { SignatureStatus } from '../../../contracts/signatures';
import { ErrorMessage, useApi } from '../components';
import { formatDateTime } from '../format';
import { interpolate, useI18n } from '../i18n';
import { signatureMessagesEn, signatureMessagesVi } from '../../../labels/messages.signatures';
import { useSession } from '../session';
import { uploadFile } from '../upload';

export function DecisionSignature({ decisionId }: { decisionId: string }) {
  const { lang } = useI18n();
  const words = lang === 'vi' ? signatureMessagesVi : signatureMessagesEn;
  const t = (key: keyof typeof signatureMessagesVi, params?: Record<string, string>) => interpolate(words[key], params);
  const { has } = useSession();
  const path = `/decisions/${encodeURIComponent(decisionId)}`;
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
  if (signature.signed)
    return (
      <p className="badge badge-success" data-testid="decision-signed">
        {t('signature.signedBy', { name: signature.signerName ?? '', time: formatDateTime(signature.signingTime) })}
      </p>
    );
  return (
    <div data-testid="decision-signature">
      <p>{t('signature.unsigned')}</p>
      {has('BOARD_LEADER', 'HEAD_OF_BOARD', 'ADMINISTRATOR') && (
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
