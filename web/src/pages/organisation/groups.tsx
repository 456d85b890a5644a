/** The monitoring groups: the list (leader, members, areas), and a new group with its leader and members from a day. */
import { type FormEvent, useState } from 'react';
import type { GroupDetail } from '../../../../contracts/directory';
import { post } from '../../api';
import { Checkbox, DateField, ErrorMessage, Notice, Section, Select, Table, TextField } from '../../components';
import { parseDay, todayText } from '../../format';
import { useI18n } from '../../i18n';
import { useFormSubmit } from '../../use-form-submit';
import { GroupChanges } from './group-changes';
import type { OrganisationLists } from './lists';

export function GroupsSection({ lists, onChange }: { lists: OrganisationLists; onChange(): void }) {
  const { t } = useI18n();
  return (
    <Section title={t('org.groups')}>
      <Table
        rows={lists.groups}
        rowKey={(g) => g.id}
        columns={[
          { header: t('org.group.name'), cell: (g) => g.name },
          { header: t('org.group.leader'), cell: (g) => g.leader?.fullName ?? t('org.none') },
          { header: t('org.group.memberCount'), cell: (g) => g.memberCount },
          { header: t('org.group.areas'), cell: (g) => g.areas.map((a) => a.name).join(', ') || t('org.none') },
        ]}
      />
      <NewGroup lists={lists} onFormed={onChange} />
      <GroupChanges lists={lists} onChange={onChange} />
    </Section>
  );
}

function NewGroup({ lists, onFormed }: { lists: OrganisationLists; onFormed(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [leaderId, setLeaderId] = useState('');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [since, setSince] = useState(todayText());
  const [formed, setFormed] = useState<GroupDetail | null>(null);
  const form = useFormSubmit();
  const active = lists.officials.filter((o) => o.active);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormed(null);
    const body = {
      name: name.trim(),
      leaderId,
      memberIds: memberIds.filter((id) => id !== leaderId),
      since: parseDay(since),
    };
    const done = await form.submit({ ok: true as const, data: body }, async (data) =>
      setFormed(await post<GroupDetail>('/groups', data)),
    );
    if (done) {
      setName('');
      setLeaderId('');
      setMemberIds([]);
      onFormed();
    }
  };

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('org.group.new')}>
      <h3>{t('org.group.new')}</h3>
      {formed && <Notice>{t('org.group.formed', { name: formed.name })}</Notice>}
      {form.error ? <ErrorMessage error={form.error} /> : null}
      <TextField
        label={t('org.group.name')}
        name="groupName"
        value={name}
        onChange={setName}
        error={form.errors.name}
        required
      />
      <Select
        label={t('org.group.leader')}
        value={leaderId}
        onChange={setLeaderId}
        error={form.errors.leaderId}
        required
        options={[
          { value: '', label: t('org.none') },
          ...active.map((o) => ({ value: o.id, label: `${o.code} ${o.fullName}` })),
        ]}
      />
      <fieldset className="members">
        <legend>{t('org.group.members')}</legend>
        {active
          .filter((o) => o.id !== leaderId)
          .map((o) => (
            <Checkbox
              key={o.id}
              label={`${o.code} ${o.fullName}`}
              checked={memberIds.includes(o.id)}
              onChange={(on) => setMemberIds(on ? [...memberIds, o.id] : memberIds.filter((id) => id !== o.id))}
            />
          ))}
        {form.errors.memberIds && (
          <span className="field-error" role="alert">
            {form.errors.memberIds}
          </span>
        )}
      </fieldset>
      <DateField
        label={t('org.from')}
        name="since"
        value={since}
        onChange={setSince}
        error={form.errors.since}
        required
      />
      <button type="submit" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('org.group.form')}
      </button>
    </form>
  );
}
