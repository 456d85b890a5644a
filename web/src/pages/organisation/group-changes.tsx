/**
 * A group's membership over time, for the administrator: a member added from a day, a membership ended on a day, a new
 * leader from a day (the former stays a member). Each goes through the group's routes, dated and audited there; the
 * group as it stands is shown after each change, read from GET /groups/:id.
 */
import { type FormEvent, useEffect, useState } from 'react';
import type { GroupDetail } from '../../../../contracts/directory';
import { api, post } from '../../api';
import { DateField, ErrorMessage, Notice, RadioGroup, Select, TextField } from '../../components';
import { parseDay, todayText } from '../../format';
import { useI18n } from '../../i18n';
import { useFormSubmit } from '../../use-form-submit';
import type { OrganisationLists } from './lists';

type Change = 'ADD' | 'END' | 'LEADER';

export function GroupChanges({ lists, onChange }: { lists: OrganisationLists; onChange(): void }) {
  const { t } = useI18n();
  const [groupId, setGroupId] = useState('');
  const [group, setGroup] = useState<GroupDetail | null>(null);
  const [change, setChange] = useState<Change>('ADD');
  const [officialId, setOfficialId] = useState('');
  const [day, setDay] = useState(todayText());
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<GroupDetail | null>(null);
  const form = useFormSubmit((errors) => {
    const day = errors.since ?? errors.on ?? errors.from;
    return day === undefined ? errors : { ...errors, day };
  });

  useEffect(() => {
    setGroup(null);
    if (!groupId) return;
    let live = true;
    void api<GroupDetail>(`/groups/${encodeURIComponent(groupId)}`).then(
      (detail) => live && setGroup(detail),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [groupId]);

  const members = group?.members ?? [];
  const candidates =
    change === 'ADD'
      ? lists.officials
          .filter((o) => o.active && !members.some((m) => m.official.id === o.id))
          .map((o) => ({ value: o.id, label: `${o.code} ${o.fullName}` }))
      : members
          .filter((m) => change === 'END' || !m.isLeader)
          .map((m) => ({ value: m.official.id, label: `${m.official.code} ${m.official.fullName}` }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const on = parseDay(day);
    const path = `/groups/${encodeURIComponent(groupId)}`;
    const done = await form.submit({ ok: true as const, data: null }, async () => {
      const answer =
        change === 'ADD'
          ? await post<GroupDetail>(`${path}/members`, { officialId, since: on })
          : change === 'END'
            ? await post<GroupDetail>(`${path}/members/${encodeURIComponent(officialId)}/end`, {
                on,
                note: note.trim(),
              })
            : await post<GroupDetail>(`${path}/leader`, { officialId, from: on, note: note.trim() });
      setSaved(answer);
      setGroup(answer);
    });
    if (done) {
      setOfficialId('');
      setNote('');
      onChange();
    }
  };

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('org.groupChange')}>
      <h3>{t('org.groupChange')}</h3>
      {saved && (
        <Notice>
          {t('org.groupChange.done', {
            name: saved.name,
            leader: saved.leader?.fullName ?? t('org.groupChange.noLeader'),
            count: saved.members.length,
          })}
        </Notice>
      )}
      {form.error ? <ErrorMessage error={form.error} /> : null}
      <Select
        label={t('org.groupChange.group')}
        value={groupId}
        onChange={(value) => {
          setGroupId(value);
          setOfficialId('');
          setSaved(null);
        }}
        required
        options={[{ value: '', label: t('org.none') }, ...lists.groups.map((g) => ({ value: g.id, label: g.name }))]}
      />
      {group && (
        <p className="hint">
          {t('org.groupChange.now', {
            leader: group.leader?.fullName ?? t('org.groupChange.noLeader'),
            members: group.members.map((m) => m.official.fullName).join(', ') || t('org.none'),
          })}
        </p>
      )}
      <RadioGroup
        legend={t('org.groupChange.kind')}
        value={change}
        onChange={(value) => {
          setChange(value as Change);
          setOfficialId('');
        }}
        required
        options={[
          { value: 'ADD', label: t('org.groupChange.add') },
          { value: 'END', label: t('org.groupChange.end') },
          { value: 'LEADER', label: t('org.groupChange.leader') },
        ]}
      />
      <Select
        label={t('org.groupChange.official')}
        value={officialId}
        onChange={setOfficialId}
        error={form.errors.officialId}
        required
        options={[{ value: '', label: t('org.none') }, ...candidates]}
      />
      <DateField
        label={t('org.groupChange.day')}
        name="day"
        value={day}
        onChange={setDay}
        error={form.errors.day}
        required
      />
      {change !== 'ADD' && (
        <TextField
          label={t('org.groupChange.note')}
          name="groupNote"
          value={note}
          onChange={setNote}
          error={form.errors.note}
          required={false}
        />
      )}
      <button type="submit" disabled={form.busy || !groupId}>
        {form.busy ? t('common.saving') : t('org.groupChange.save')}
      </button>
    </form>
  );
}
