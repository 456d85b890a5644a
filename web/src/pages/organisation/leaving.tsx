/**
 * An official leaves the Board, for the administrator: the day and the reason, then what the leaving proposes, as
 * POST /officials/:id/leave answers it. Nothing is reassigned by itself: each assignment in force carries a
 * position-change ground for leadership to decide, and the groups, areas and departments left without a leader are
 * listed to be filled (the gaps above keep listing them). The account is closed on the accounts' page.
 */
import { type FormEvent, useState } from 'react';
import type { Leaving } from '../../../../contracts/organisation';
import { post } from '../../api';
import { DateField, ErrorMessage, Notice, Select, TextField } from '../../components';
import { formatDate, parseDay, todayText } from '../../format';
import { useI18n } from '../../i18n';
import { useFormSubmit } from '../../use-form-submit';
import type { OrganisationLists } from './lists';

export function OfficialLeaving({ lists, onChange }: { lists: OrganisationLists; onChange(): void }) {
  const { t } = useI18n();
  const [officialId, setOfficialId] = useState('');
  const [on, setOn] = useState(todayText());
  const [note, setNote] = useState('');
  const [left, setLeft] = useState<Leaving | null>(null);
  const form = useFormSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLeft(null);
    const done = await form.submit({ ok: true as const, data: { on: parseDay(on), note: note.trim() } }, async (body) =>
      setLeft(await post<Leaving>(`/officials/${encodeURIComponent(officialId)}/leave`, body)),
    );
    if (done) {
      setOfficialId('');
      setNote('');
      onChange();
    }
  };

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('org.leaving')}>
      <h3>{t('org.leaving')}</h3>
      <p className="hint">{t('org.leaving.intro')}</p>
      {form.error ? <ErrorMessage error={form.error} /> : null}
      <Select
        label={t('org.leaving.official')}
        value={officialId}
        onChange={setOfficialId}
        required
        options={[
          { value: '', label: t('org.none') },
          ...lists.officials.filter((o) => o.active).map((o) => ({ value: o.id, label: `${o.code} ${o.fullName}` })),
        ]}
      />
      <DateField
        label={t('org.leaving.on')}
        name="leftOn"
        value={on}
        onChange={setOn}
        error={form.errors.on}
        required
      />
      <TextField
        label={t('org.leaving.note')}
        name="leavingNote"
        value={note}
        onChange={setNote}
        error={form.errors.note}
        required
      />
      <button type="submit" disabled={form.busy || !officialId}>
        {form.busy ? t('common.saving') : t('org.leaving.record')}
      </button>
      {left && <LeavingAnswer left={left} />}
    </form>
  );
}

function LeavingAnswer({ left }: { left: Leaving }) {
  const { t } = useI18n();
  const list = (title: string, items: string[]) => (
    <>
      <h4>{title}</h4>
      {items.length === 0 ? (
        <p>{t('org.leaving.nothing')}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </>
  );
  return (
    <section className="leaving-answer" aria-label={t('org.leaving.proposed')}>
      <Notice>
        {t('org.leaving.done', {
          name: `${left.official.code} ${left.official.fullName}`,
          on: formatDate(left.leftOn),
        })}
      </Notice>
      {list(
        t('org.leaving.assignments'),
        left.assignments.map(
          (a) => `${a.area.name}: ${t(`org.leaving.ground.${a.ground}`)}${a.reason ? ` (${a.reason})` : ''}`,
        ),
      )}
      {list(
        t('org.leaving.groups'),
        left.groupsWithoutLeader.map((g) => g.name),
      )}
      {list(
        t('org.leaving.areas'),
        left.areasWithoutLeaderInCharge.map((a) => `${a.code} ${a.name}`),
      )}
      {list(
        t('org.leaving.departments'),
        left.departmentsWithoutLeaderInCharge.map((d) => `${d.code} ${d.name}`),
      )}
      <p>
        {left.account
          ? t(left.account.active ? 'org.leaving.accountActive' : 'org.leaving.accountClosed', {
              username: left.account.username,
            })
          : t('org.leaving.noAccount')}
      </p>
    </section>
  );
}
