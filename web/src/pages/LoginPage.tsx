import { type FormEvent, useState } from 'react';
import { ApiError } from '../api';
import { ErrorMessage, PageTitle, TextField } from '../components';
import { type FieldErrors, validate } from '../forms';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { LoginBodySchema } from '../schemas';
import { homeOf, useSession } from '../session';

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const checked = validate(LoginBodySchema, { username, password }, t);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      const user = await login(checked.data.username, checked.data.password);
      navigate(homeOf(user), { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 401 ? new ApiError(401, 'LOGIN_FAILED', t('login.failed')) : caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <PageTitle intro={t('login.intro')}>{t('login.title')}</PageTitle>
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('login.title')}>
        {error ? <ErrorMessage error={error} /> : null}
        <TextField label={t('login.username')} name="username" autoComplete="username" value={username} onChange={setUsername} error={errors.username} required autoFocus />
        <TextField label={t('login.password')} name="password" type="password" autoComplete="current-password" value={password} onChange={setPassword} error={errors.password} required />
        <button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}
