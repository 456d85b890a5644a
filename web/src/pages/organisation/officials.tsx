/**
 * The Board's officials: the list with each one's account, a new department, a new official (code, name, position,
 * department, e-mail, first day of service), and an account for an official from their row, its one-time password
 * shown once (the user chooses their own at the first login).
 */
import { type FormEvent, useState } from 'react';
import type { AccountWithPassword } from '../../../../contracts/accounts';
import { OfficialPositionSchema } from '../../../../contracts/codes';
import type { StaffListItem } from '../../../../contracts/directory';
import { type Role, STAFF } from '../../../../machines/roles';
import type { OfficialPosts } from '../../../../contracts/organisation';
import { post } from '../../api';
import { Badge, Checkbox, DateField, ErrorMessage, Notice, Section, Select, Table, TextField } from '../../components';
import { parseDay, todayText } from '../../format';
import { useI18n } from '../../i18n';
import { useFormSubmit } from '../../use-form-submit';
import { OfficialLeaving } from './leaving';
import type { OrganisationLists } from './lists';

const ok = <Data,>(data: Data) => ({ ok: true as const, data });

export function OfficialsSection({ lists, onChange }: { lists: OrganisationLists; onChange(): void }) {
  const { t } = useI18n();
  const [accountFor, setAccountFor] = useState<StaffListItem | null>(null);
  const [shown, setShown] = useState<AccountWithPassword | null>(null);
  const usernameOf = new Map(lists.accounts.flatMap((a) => (a.official ? [[a.official.id, a.username] as const] : [])));

  return (
    <Section title={t('org.officials')}>
      {shown && (
        <div className="alert alert-success one-time-password" role="status">
          {t('org.account.oneTime', { username: shown.account.username })} <code>{shown.oneTimePassword}</code>
          <br />
          {t('org.account.once')}
        </div>
      )}
      {accountFor && (
        <NewAccount
          official={accountFor}
          leadsGroup={lists.groups.some((g) => g.leader?.id === accountFor.id)}
          onCancel={() => setAccountFor(null)}
          onCreated={(created) => {
            setShown(created);
            setAccountFor(null);
            onChange();
          }}
        />
      )}
      <Table
        rows={lists.officials}
        rowKey={(o) => o.id}
        columns={[
          { header: t('org.official.code'), cell: (o) => o.code },
          { header: t('org.official.name'), cell: (o) => o.fullName },
          { header: t('org.official.position'), cell: (o) => t(`position.${o.position}`) },
          { header: t('org.official.department'), cell: (o) => o.department?.name ?? t('org.none') },
          {
            header: t('acc.status'),
            cell: (o) => (
              <Badge tone={o.active ? 'ok' : 'neutral'}>
                {o.active ? t('org.official.active') : t('org.official.left')}
              </Badge>
            ),
          },
          {
            header: t('org.account'),
            cell: (o) =>
              usernameOf.get(o.id) ??
              (o.active ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    setShown(null);
                    setAccountFor(o);
                  }}
                  aria-label={`${t('org.account.give')} ${o.code}`}
                >
                  {t('org.account.give')}
                </button>
              ) : (
                t('org.none')
              )),
          },
        ]}
      />
      <NewOfficial lists={lists} onAdded={onChange} />
      <NewDepartment onAdded={onChange} />
      <OfficialLeaving lists={lists} onChange={onChange} />
    </Section>
  );
}

/** The roles an official's post suggests (the administrator may change them): leadership's, a head's, a leader's. */
function rolesOfPost(official: StaffListItem, leadsGroup: boolean): Role[] {
  const roles: Role[] =
    official.position === 'HEAD_OF_BOARD'
      ? ['HEAD_OF_BOARD', 'BOARD_LEADER']
      : official.position === 'DEPUTY_HEAD'
        ? ['BOARD_LEADER']
        : ['OFFICIAL'];
  if (official.position === 'DEPARTMENT_HEAD') roles.push('DEPARTMENT_HEAD');
  if (leadsGroup) roles.push('GROUP_LEADER');
  return roles;
}

function NewAccount({
  official,
  leadsGroup,
  onCancel,
  onCreated,
}: {
  official: StaffListItem;
  leadsGroup: boolean;
  onCancel(): void;
  onCreated(created: AccountWithPassword): void;
}) {
  const { t, e } = useI18n();
  const [username, setUsername] = useState(official.code.toLowerCase().replace(/[^a-z0-9._]/g, ''));
  const [roles, setRoles] = useState<Role[]>(() => rolesOfPost(official, leadsGroup));
  const form = useFormSubmit();
  const staffRoles = STAFF.filter((r) => r !== 'ADMINISTRATOR');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await form.submit(ok({ username: username.trim(), roles, officialId: official.id }), async (body) =>
      onCreated(await post<AccountWithPassword>('/admin/accounts', body)),
    );
  };
  const title = t('org.account.for', { name: `${official.code} ${official.fullName}` });
  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={title}>
      <h3>{title}</h3>
      {form.error ? <ErrorMessage error={form.error} /> : null}
      <TextField
        label={t('org.account.username')}
        name="username"
        value={username}
        onChange={setUsername}
        error={form.errors.username}
        required
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
        {form.errors.roles && (
          <span className="field-error" role="alert">
            {form.errors.roles}
          </span>
        )}
      </fieldset>
      <span className="actions">
        <button type="submit" disabled={form.busy}>
          {form.busy ? t('common.saving') : t('org.account.give')}
        </button>{' '}
        <button type="button" className="secondary" onClick={onCancel}>
          {t('org.account.cancel')}
        </button>
      </span>
    </form>
  );
}

function NewOfficial({ lists, onAdded }: { lists: OrganisationLists; onAdded(): void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [fullName, setFullName] = useState('');
  const [position, setPosition] = useState<string>('SPECIALIST');
  const [departmentId, setDepartmentId] = useState('');
  const [email, setEmail] = useState('');
  const [activeFrom, setActiveFrom] = useState(todayText());
  const [added, setAdded] = useState<OfficialPosts | null>(null);
  const form = useFormSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const body = {
      code: code.trim(),
      fullName: fullName.trim(),
      position,
      departmentId: departmentId || null,
      email: email.trim() || null,
      activeFrom: parseDay(activeFrom),
    };
    const done = await form.submit(ok(body), async (data) => setAdded(await post<OfficialPosts>('/officials', data)));
    if (done) {
      setCode('');
      setFullName('');
      setEmail('');
      onAdded();
    }
  };

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('org.official.new')}>
      <h3>{t('org.official.new')}</h3>
      {added && <Notice>{t('org.official.added', { code: added.code, name: added.fullName })}</Notice>}
      {form.error ? <ErrorMessage error={form.error} /> : null}
      <TextField
        label={t('org.official.code')}
        name="code"
        value={code}
        onChange={setCode}
        error={form.errors.code}
        required
      />
      <TextField
        label={t('org.official.name')}
        name="fullName"
        value={fullName}
        onChange={setFullName}
        error={form.errors.fullName}
        required
      />
      <Select
        label={t('org.official.position')}
        value={position}
        onChange={setPosition}
        error={form.errors.position}
        required
        options={OfficialPositionSchema.options.map((p) => ({ value: p, label: t(`position.${p}`) }))}
      />
      <Select
        label={t('org.official.department')}
        value={departmentId}
        onChange={setDepartmentId}
        error={form.errors.departmentId}
        options={[
          { value: '', label: t('org.none') },
          ...lists.departments.map((d) => ({ value: d.id, label: `${d.code} ${d.name}` })),
        ]}
      />
      <TextField
        label={t('org.official.email')}
        name="email"
        type="email"
        value={email}
        onChange={setEmail}
        error={form.errors.email}
        required={false}
      />
      <DateField
        label={t('org.official.activeFrom')}
        name="activeFrom"
        value={activeFrom}
        onChange={setActiveFrom}
        error={form.errors.activeFrom}
        required
      />
      <button type="submit" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('org.official.add')}
      </button>
    </form>
  );
}

function NewDepartment({ onAdded }: { onAdded(): void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const form = useFormSubmit();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await form.submit(ok({ code: code.trim(), name: name.trim() }), (body) => post('/departments', body));
    if (done) {
      setCode('');
      setName('');
      onAdded();
    }
  };
  return (
    <form
      className="card form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={t('org.department.new')}
    >
      <h3>{t('org.department.new')}</h3>
      {form.error ? <ErrorMessage error={form.error} /> : null}
      <TextField
        label={t('org.department.code')}
        name="departmentCode"
        value={code}
        onChange={setCode}
        error={form.errors.code}
        required
      />
      <TextField
        label={t('org.department.name')}
        name="departmentName"
        value={name}
        onChange={setName}
        error={form.errors.name}
        required
      />
      <button type="submit" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('org.department.add')}
      </button>
    </form>
  );
}
