import { type FormEvent, useState } from 'react';
import { ApiError } from '../api';
import { ErrorMessage, PageTitle, TextField } from '../components';
import { validate } from '../forms';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { LoginBodySchema } from '../schemas';
import { homeOf, useSession } from '../session';
import { useFormSubmit } from '../use-form-submit';

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { errors, error, busy, submit: send } = useFormSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await send(validate(LoginBodySchema, { username, password }, t), async ({ username, password }) => {
      try {
        navigate(homeOf(await login(username, password)), { replace: true });
      } catch (caught) {
        throw caught instanceof ApiError && caught.status === 401
          ? new ApiError(401, 'LOGIN_FAILED', t('login.failed'))
          : caught;
      }
    });
  };

  return (
    <div className="login">
      <PageTitle intro={t('login.intro')}>{t('login.title')}</PageTitle>
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('login.title')}>
        {error ? <ErrorMessage error={error} /> : null}
        <TextField
          label={t('login.username')}
          name="username"
          autoComplete="username"
          value={username}
          onChange={setUsername}
          error={errors.username}
          required
          autoFocus
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          required
        />
        <button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}
