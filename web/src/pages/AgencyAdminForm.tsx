/**
 * The administrator enters the provincial agencies whose leaders monitor communes (seed 001) and their people: an
 * agency by its code and name (POST /agencies), then a member from the accounts that hold an agency's role, with the
 * post as the agency names it, whether they are its head, and the day they start (POST /agencies/{id}/members). Each
 * sending carries an Idempotency-Key kept until an answer comes, so a retry after a lost answer enters nothing twice.
 */
import { type FormEvent, useState } from 'react';
import type { Account } from '../../../contracts/accounts';
import type { AgencyMemberRef, AgencyRef, AgencySummary } from '../../../contracts/agencies';
import { dayOf } from '../../../machines/calendar';
import { allPages, ApiError, post } from '../api';
import { Checkbox, DateField, ErrorMessage, Section, Select, Table, TextField, useLoader } from '../components';
import { formatDate, parseDay } from '../format';
import { useI18n } from '../i18n';

const AGENCY_ROLES = new Set(['AGENCY_LEADER', 'AGENCY_HEAD']);

const newKey = () => crypto.randomUUID();

export function AgencyAdminForm({ agencies, onChanged }: { agencies: AgencySummary[]; onChanged(): void }) {
  const { t } = useI18n();
  const [done, setDone] = useState<string | null>(null);
  const accounts = useLoader(
    async () =>
      (await allPages<Account>('/admin/accounts', { active: 'true' }, 2_000)).filter((a) =>
        a.roles.some((r) => AGENCY_ROLES.has(r)),
      ),
    [],
  );
  const changed = (message: string) => {
    setDone(message);
    onChanged();
  };
  return (
    <>
      {done && (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      )}
      <Section title={t('agencyAdmin.list')}>
        <Table
          rows={agencies}
          rowKey={(a) => a.id}
          empty={t('agencyAdmin.noAgencies')}
          caption={t('agencyAdmin.list')}
          columns={[
            { header: t('agencyAdmin.code'), cell: (a) => a.code },
            { header: t('agencyAdmin.name'), cell: (a) => a.name },
            { header: t('agencyAdmin.members'), cell: (a) => String(a.leaders) },
          ]}
        />
      </Section>
      <Section title={t('agencyAdmin.newAgency')}>
        <NewAgency onCreated={(a) => changed(t('agencyAdmin.created', { name: a.name }))} />
      </Section>
      <Section title={t('agencyAdmin.newMember')}>
        {accounts.error ? <ErrorMessage error={accounts.error} onRetry={accounts.reload} /> : null}
        <NewMember
          agencies={agencies}
          accounts={accounts.data ?? []}
          onAdded={(who, agency) => changed(t('agencyAdmin.added', { name: who, agency }))}
        />
      </Section>
    </>
  );
}

function NewAgency({ onCreated }: { onCreated(agency: AgencyRef): void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [key, setKey] = useState(newKey);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const created = await post<AgencyRef>('/agencies', { code, name }, { 'idempotency-key': key });
      setCode('');
      setName('');
      setKey(newKey());
      onCreated(created);
    } catch (caught) {
      // An answer came: the next sending is another request (a lost one keeps its key, so a retry enters it once).
      if (caught instanceof ApiError) setKey(newKey());
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="card form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={t('agencyAdmin.newAgency')}
    >
      {error ? <ErrorMessage error={error} /> : null}
      <TextField label={t('agencyAdmin.code')} name="code" value={code} onChange={setCode} required />
      <TextField label={t('agencyAdmin.name')} name="name" value={name} onChange={setName} required />
      <button type="submit" disabled={busy}>
        {t('agencyAdmin.create')}
      </button>
    </form>
  );
}

function NewMember({
  agencies,
  accounts,
  onAdded,
}: {
  agencies: AgencySummary[];
  accounts: Account[];
  onAdded(who: string, agency: string): void;
}) {
  const { t } = useI18n();
  const [agencyId, setAgencyId] = useState('');
  const [userId, setUserId] = useState('');
  const [title, setTitle] = useState('');
  const [isHead, setIsHead] = useState(false);
  const [from, setFrom] = useState(() => formatDate(dayOf(Date.now())));
  const [key, setKey] = useState(newKey);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await post<AgencyMemberRef>(
        `/agencies/${encodeURIComponent(agencyId)}/members`,
        { userId, title, isHead, from: parseDay(from) },
        { 'idempotency-key': key },
      );
      setKey(newKey());
      setTitle('');
      setIsHead(false);
      onAdded(
        accounts.find((a) => a.id === userId)?.displayName ?? userId,
        agencies.find((a) => a.id === agencyId)?.name ?? agencyId,
      );
    } catch (caught) {
      // An answer came: the next sending is another request (a lost one keeps its key, so a retry enters it once).
      if (caught instanceof ApiError) setKey(newKey());
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="card form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={t('agencyAdmin.newMember')}
    >
      {error ? <ErrorMessage error={error} /> : null}
      <Select
        label={t('agencyAdmin.agency')}
        value={agencyId}
        onChange={setAgencyId}
        required
        options={[{ value: '', label: '—' }, ...agencies.map((a) => ({ value: a.id, label: `${a.code} ${a.name}` }))]}
      />
      <Select
        label={t('agencyAdmin.account')}
        value={userId}
        onChange={setUserId}
        required
        options={[
          { value: '', label: '—' },
          ...accounts.map((a) => ({ value: a.id, label: `${a.displayName} (${a.username})` })),
        ]}
      />
      <TextField label={t('agencyAdmin.post')} name="title" value={title} onChange={setTitle} required />
      <Checkbox label={t('agencyAdmin.isHead')} checked={isHead} onChange={setIsHead} />
      <DateField label={t('agencyAdmin.from')} name="from" value={from} onChange={setFrom} required />
      <button type="submit" disabled={busy}>
        {t('agencyAdmin.add')}
      </button>
    </form>
  );
}
