/**
 * The user's own password (`POST /me/password`): after a login with a one-time password (`firstLogin`, nothing else
 * is reachable until it is done), or whenever they choose. The policy's rules are said before the user types, and a
 * refusal names the rule broken.
 */
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { PasswordPolicyAnswerSchema } from '../../../contracts/accounts';
import { ApiError, post } from '../api';
import { ErrorMessage, PageTitle, TextField, useApi } from '../components';
import { type MessageKey, useI18n } from '../i18n';
import { homeOf, useSession } from '../session';
import { navigate } from '../router';

type Policy = z.infer<typeof PasswordPolicyAnswerSchema>;

export function PasswordPage({ firstLogin = false }: { firstLogin?: boolean }) {
  const { t } = useI18n();
  const { user, passwordChanged } = useSession();
  const policy = useApi<Policy>('/me/password/policy');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found: Record<string, string> = {};
    if (!current) found.currentPassword = t('err.required');
    if (!next) found.newPassword = t('err.required');
    else if (next !== again) found.again = t('pw.mismatch');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const answer = await post<{ token: string; expiresAt: string }>('/me/password', {
        currentPassword: current,
        newPassword: next,
      });
      passwordChanged(answer);
      setDone(true);
      setCurrent('');
      setNext('');
      setAgain('');
      if (firstLogin && user) navigate(homeOf(user), { replace: true });
    } catch (caught) {
      const rule = caught instanceof ApiError ? caught.rule : undefined;
      const text = rule ? t(`pw.rule.${rule}` as MessageKey, ruleValues(policy.data)) : undefined;
      if (rule === 'CURRENT_PASSWORD_WRONG' && text) setErrors({ currentPassword: text });
      else if (rule && text && text !== `pw.rule.${rule}`) setErrors({ newPassword: text });
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <PageTitle intro={firstLogin ? t('pw.firstLogin') : t('pw.intro')}>{t('pw.title')}</PageTitle>
      {policy.data && <p className="hint">{t('pw.policy', ruleValues(policy.data))}</p>}
      {done && !firstLogin && (
        <div className="alert alert-ok" role="status">
          {t('pw.done')}
        </div>
      )}
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('pw.title')}>
        {error ? <ErrorMessage error={error} /> : null}
        <TextField
          label={firstLogin ? t('pw.oneTime') : t('pw.current')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={errors.currentPassword}
          required
          autoFocus
        />
        <TextField
          label={t('pw.new')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={setNext}
          error={errors.newPassword}
          required
        />
        <TextField
          label={t('pw.again')}
          name="again"
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={setAgain}
          error={errors.again}
          required
        />
        <button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('pw.submit')}
        </button>
      </form>
    </div>
  );
}

const ruleValues = (policy: Policy | undefined) => ({ min: policy?.minLength ?? 10, max: policy?.maxLength ?? 200 });
