/**
 * Which member of Board leadership is in charge of which area: the list for everyone on the page, and the form for
 * leadership, whose own division of work it is (the API lets no one else write it).
 */
import { type FormEvent, useState } from 'react';
import type { LeaderInCharge } from '../../../../contracts/organisation';
import { post } from '../../api';
import { DateField, ErrorMessage, Notice, Section, Select, Table } from '../../components';
import { parseDay, todayText } from '../../format';
import { useI18n } from '../../i18n';
import { useFormSubmit } from '../../use-form-submit';
import type { OrganisationLists } from './lists';

export function LeadersInChargeSection({
  lists,
  canDecide,
  onChange,
}: {
  lists: OrganisationLists;
  canDecide: boolean;
  onChange(): void;
}) {
  const { t } = useI18n();
  return (
    <Section title={t('org.inCharge')}>
      <p className="intro">{t('org.inCharge.intro')}</p>
      <Table
        rows={lists.areas}
        rowKey={(a) => a.id}
        columns={[
          { header: t('org.inCharge.area'), cell: (a) => `${a.code} ${a.name}` },
          { header: t('org.inCharge.leader'), cell: (a) => a.leaderInCharge?.fullName ?? t('org.none') },
        ]}
      />
      {canDecide && <SetLeaderInCharge lists={lists} onSet={onChange} />}
    </Section>
  );
}

function SetLeaderInCharge({ lists, onSet }: { lists: OrganisationLists; onSet(): void }) {
  const { t } = useI18n();
  const [areaId, setAreaId] = useState('');
  const [officialId, setOfficialId] = useState('');
  const [from, setFrom] = useState(todayText());
  const [done, setDone] = useState<LeaderInCharge | null>(null);
  const form = useFormSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const ok = await form.submit(
      { ok: true as const, data: { officialId, from: parseDay(from), note: '' } },
      async (body) =>
        setDone(await post<LeaderInCharge>(`/areas/${encodeURIComponent(areaId)}/leader-in-charge`, body)),
    );
    if (ok) onSet();
  };

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('org.inCharge.form')}>
      <h3>{t('org.inCharge.form')}</h3>
      {done && (
        <Notice>
          {t('org.inCharge.done', {
            from,
            leader: done.leaderInCharge?.fullName ?? '',
            area: done.subject.name,
          })}
        </Notice>
      )}
      {form.error ? <ErrorMessage error={form.error} /> : null}
      <Select
        label={t('org.inCharge.area')}
        value={areaId}
        onChange={setAreaId}
        required
        options={[
          { value: '', label: t('org.none') },
          ...lists.areas.map((a) => ({ value: a.id, label: `${a.code} ${a.name}` })),
        ]}
      />
      <Select
        label={t('org.inCharge.leader')}
        value={officialId}
        onChange={setOfficialId}
        error={form.errors.officialId}
        required
        options={[
          { value: '', label: t('org.none') },
          ...lists.leadership.members.map((m) => ({
            value: m.official.id,
            label: `${m.official.code} ${m.official.fullName}`,
          })),
        ]}
      />
      <DateField label={t('org.from')} name="from" value={from} onChange={setFrom} error={form.errors.from} required />
      <button type="submit" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('org.inCharge.set')}
      </button>
    </form>
  );
}
