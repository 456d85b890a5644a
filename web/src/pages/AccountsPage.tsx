/**
 * The administrator's accounts: the list, a new account for an official, an area committee or an administrator, a
 * password reset, a deactivation and a reactivation. A one-time password (a creation's, a reset's) is shown once,
 * here, for the administrator to hand over; the user chooses their own at their first login.
 */
import { type FormEvent, useState } from 'react';
import type { Account, AccountWithPassword } from '../../../contracts/accounts';
import { OUTSIDE_THE_BOARD, RoleSchema } from '../../../machines/roles';
import { allPages, post } from '../api';
import { Badge, Checkbox, ErrorMessage, PageTitle, Section, Select, Table, TextField, useLoader } from '../components';
import { useI18n } from '../i18n';

interface Option {
  id: string;
  code: string;
  fullName?: string;
  name?: string;
}

export function AccountsPage() {
  const { t, e } = useI18n();
  const accounts = useLoader(() => allPages<Account>('/admin/accounts', {}, 2_000), []);
  const choices = useLoader(
    async () => ({
      officials: await allPages<Option>('/officials', {}, 2_000),
      areas: await allPages<Option>('/areas', {}, 5_000),
    }),
    [],
  );
  const [shown, setShown] = useState<AccountWithPassword | null>(null);
  const [error, setError] = useState<unknown>(null);

  const act = async (account: Account, action: 'reset-password' | 'deactivate' | 'reactivate') => {
    setError(null);
    try {
      const answer = await post<AccountWithPassword | Account>(
        `/admin/accounts/${encodeURIComponent(account.id)}/${action}`,
      );
      setShown('oneTimePassword' in answer ? answer : null);
      accounts.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <>
      <PageTitle intro={t('acc.intro')}>{t('acc.title')}</PageTitle>
      {shown && (
        <div className="alert alert-success one-time-password" role="status">
          {t('acc.oneTime', { username: shown.account.username })} <code>{shown.oneTimePassword}</code>
          <br />
          {t('acc.oneTimeOnce')}
        </div>
      )}
      {error ? <ErrorMessage error={error} /> : null}
      <Section title={t('acc.new')}>
        <NewAccount
          officials={choices.data?.officials ?? []}
          areas={choices.data?.areas ?? []}
          onCreated={(created) => {
            setShown(created);
            accounts.reload();
          }}
        />
      </Section>
      <Section title={t('acc.list')}>
        {accounts.error ? <ErrorMessage error={accounts.error} onRetry={accounts.reload} /> : null}
        <Table
          rows={accounts.data ?? []}
          rowKey={(a) => a.id}
          columns={[
            { header: t('login.username'), cell: (a) => a.username },
            { header: t('acc.displayName'), cell: (a) => a.displayName },
            { header: t('acc.roles'), cell: (a) => a.roles.map((r) => e('role', r)).join(', ') },
            {
              header: t('acc.for'),
              cell: (a) => (a.official ? `${a.official.code} ${a.official.fullName}` : (a.area?.name ?? '—')),
            },
            {
              header: t('acc.status'),
              cell: (a) => (
                <>
                  <Badge tone={a.active ? 'ok' : 'bad'}>{a.active ? t('acc.active') : t('acc.inactive')}</Badge>{' '}
                  {a.mustChangePassword && <Badge tone="warn">{t('acc.mustChange')}</Badge>}
                </>
              ),
            },
            {
              header: t('acc.actions'),
              cell: (a) => (
                <span className="actions">
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void act(a, 'reset-password')}
                    aria-label={`${t('acc.reset')} ${a.username}`}
                  >
                    {t('acc.reset')}
                  </button>{' '}
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void act(a, a.active ? 'deactivate' : 'reactivate')}
                    aria-label={`${a.active ? t('acc.deactivate') : t('acc.reactivate')} ${a.username}`}
                  >
                    {a.active ? t('acc.deactivate') : t('acc.reactivate')}
                  </button>
                </span>
              ),
            },
          ]}
        />
      </Section>
    </>
  );
}

type Kind = 'official' | 'area' | 'outside' | 'administrator';

/** The roles of those outside the Board who name no official nor area: agencies' people, the Standing Committee's. */
const OUTSIDE_ROLES = OUTSIDE_THE_BOARD.filter((r) => r !== 'AREA_COMMITTEE');

function NewAccount({
  officials,
  areas,
  onCreated,
}: {
  officials: Option[];
  areas: Option[];
  onCreated(created: AccountWithPassword): void;
}) {
  const { t, e } = useI18n();
  const [kind, setKind] = useState<Kind>('official');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [officialId, setOfficialId] = useState('');
  const [areaId, setAreaId] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<string[]>(['OFFICIAL']);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const staffRoles = RoleSchema.options.filter((r) => !(OUTSIDE_THE_BOARD as readonly string[]).includes(r));
  const [outsideRoles, setOutsideRoles] = useState<string[]>(['AGENCY_LEADER']);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    const body =
      kind === 'official'
        ? { username, roles, officialId, ...(displayName && { displayName }) }
        : kind === 'area'
          ? { username, displayName, roles: ['AREA_COMMITTEE'], areaId, ...(email && { email }) }
          : kind === 'outside'
            ? { username, displayName, roles: outsideRoles, ...(email && { email }) }
            : { username, displayName, roles: ['ADMINISTRATOR'] };
    try {
      onCreated(await post<AccountWithPassword>('/admin/accounts', body));
      setUsername('');
      setDisplayName('');
      setEmail('');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('acc.new')}>
      {error ? <ErrorMessage error={error} /> : null}
      <Select
        label={t('acc.kind')}
        value={kind}
        onChange={(value) => setKind(value as Kind)}
        options={[
          { value: 'official', label: t('acc.kind.official') },
          { value: 'area', label: t('acc.kind.area') },
          { value: 'outside', label: t('acc.kind.outside') },
          { value: 'administrator', label: t('acc.kind.administrator') },
        ]}
      />
      <TextField label={t('login.username')} name="username" value={username} onChange={setUsername} required />
      <TextField
        label={t('acc.displayName')}
        name="displayName"
        value={displayName}
        onChange={setDisplayName}
        required={kind !== 'official'}
      />
      {kind === 'official' && (
        <>
          <Select
            label={t('acc.official')}
            value={officialId}
            onChange={setOfficialId}
            required
            options={[
              { value: '', label: '—' },
              ...officials.map((o) => ({ value: o.id, label: `${o.code} ${o.fullName ?? ''}` })),
            ]}
          />
          <fieldset className="roles">
            <legend>{t('acc.roles')}</legend>
            {staffRoles.map((role) => (
              <Checkbox
                key={role}
                label={e('role', role)}
                checked={roles.includes(role)}
                onChange={(on) => setRoles(on ? [...roles, role] : roles.filter((r) => r !== role))}
              />
            ))}
          </fieldset>
        </>
      )}
      {kind === 'area' && (
        <>
          <Select
            label={t('acc.area')}
            value={areaId}
            onChange={setAreaId}
            required
            options={[
              { value: '', label: '—' },
              ...areas.map((a) => ({ value: a.id, label: `${a.code} ${a.name ?? ''}` })),
            ]}
          />
          <TextField label={t('acc.email')} name="email" type="email" value={email} onChange={setEmail} />
        </>
      )}
      {kind === 'outside' && (
        <>
          <fieldset className="roles">
            <legend>{t('acc.roles')}</legend>
            {OUTSIDE_ROLES.map((role) => (
              <Checkbox
                key={role}
                label={e('role', role)}
                checked={outsideRoles.includes(role)}
                onChange={(on) =>
                  setOutsideRoles(on ? [...outsideRoles, role] : outsideRoles.filter((r) => r !== role))
                }
              />
            ))}
          </fieldset>
          <TextField label={t('acc.email')} name="email" type="email" value={email} onChange={setEmail} />
        </>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('common.saving') : t('acc.create')}
      </button>
    </form>
  );
}
