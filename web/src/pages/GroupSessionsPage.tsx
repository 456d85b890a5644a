/**
 * The group's sessions (Đ7.B.2 'Trưởng nhóm chủ trì sinh hoạt nhóm'; seed 002: quarterly experience-sharing): the
 * group leader records one (who was present, the areas' matters, conclusions, who does what) and sees the quarters
 * flagged without one.
 */
import { type FormEvent, useState } from 'react';
import { api, post } from '../api';
import {
  Async,
  Badge,
  Checkbox,
  DateField,
  ErrorMessage,
  Notice,
  PageTitle,
  Section,
  Select,
  Table,
  TextArea,
  TextField,
  useLoader,
} from '../components';
import { validate } from '../forms';
import { formatDate, parseDay, todayText } from '../format';
import { useI18n } from '../i18n';
import { GroupSessionFormSchema } from '../../../workflows/meeting.schemas';
import type { Me } from '../../../contracts/directory';
import { useFormSubmit } from '../use-form-submit';

interface Member {
  official: { id: string; fullName: string };
  isLeader: boolean;
}
interface Session {
  id: string;
  heldOn: string;
  presentIds: string[];
  matters: string;
  conclusions: string;
  tasks: { officialId: string; task: string }[];
}

function GroupSessions({ groupId, groupName }: { groupId: string; groupName: string }) {
  const { t } = useI18n();
  const group = useLoader(() => api<{ members: Member[] }>(`/groups/${groupId}`), [groupId]);
  const sessions = useLoader(
    () => api<{ items: Session[]; flaggedQuarters: { quarter: string }[] }>(`/groups/${groupId}/sessions`),
    [groupId],
  );
  const [heldOn, setHeldOn] = useState(todayText());
  const [present, setPresent] = useState<Record<string, boolean>>({});
  const [matters, setMatters] = useState('');
  const [conclusions, setConclusions] = useState('');
  const [taskOf, setTaskOf] = useState('');
  const [task, setTask] = useState('');
  const [saved, setSaved] = useState(false);
  const { errors, error, busy, submit } = useFormSubmit();
  const members = group.data?.members ?? [];
  const nameOf = (id: string) => members.find((m) => m.official.id === id)?.official.fullName ?? id;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const values = {
      heldOn: parseDay(heldOn),
      presentIds: Object.keys(present).filter((id) => present[id]),
      matters,
      conclusions,
      tasks: taskOf && task.trim() ? [{ officialId: taskOf, task }] : [],
    };
    if (
      await submit(validate(GroupSessionFormSchema, values, t), (body) => post(`/groups/${groupId}/sessions`, body))
    ) {
      setSaved(true);
      setMatters('');
      setConclusions('');
      setTask('');
      sessions.reload();
    }
  };

  return (
    <>
      <form className="card form" onSubmit={(event) => void send(event)} noValidate aria-label={t('gs.new')}>
        <h2>
          {t('gs.new')} — {groupName}
        </h2>
        {saved && <Notice>{t('gs.saved')}</Notice>}
        {error ? <ErrorMessage error={error} fields={errors} /> : null}
        <DateField label={t('gs.heldOn')} value={heldOn} onChange={setHeldOn} error={errors.heldOn} required />
        <fieldset>
          <legend>{t('gs.present')}</legend>
          {members.map((m) => (
            <Checkbox
              key={m.official.id}
              label={m.official.fullName}
              checked={present[m.official.id] ?? false}
              onChange={(checked) => setPresent((all) => ({ ...all, [m.official.id]: checked }))}
            />
          ))}
          {errors.presentIds && <p className="field-error">{errors.presentIds}</p>}
        </fieldset>
        <TextArea
          label={t('gs.matters')}
          value={matters}
          onChange={setMatters}
          error={errors.matters}
          required
          rows={3}
        />
        <TextArea
          label={t('gs.conclusions')}
          value={conclusions}
          onChange={setConclusions}
          error={errors.conclusions}
          required
          rows={3}
        />
        <div className="row">
          <Select
            label={t('gs.taskOf')}
            value={taskOf}
            onChange={setTaskOf}
            options={[
              { value: '', label: '—' },
              ...members.map((m) => ({ value: m.official.id, label: m.official.fullName })),
            ]}
          />
          <TextField label={t('gs.task')} value={task} onChange={setTask} error={errors['tasks.0.task']} />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('gs.record')}
        </button>
      </form>
      <Section title={t('gs.list')}>
        <Async loaded={sessions}>
          {(data) => (
            <>
              {data.flaggedQuarters.length > 0 && (
                <p>
                  {t('gs.flagged')}{' '}
                  {data.flaggedQuarters.map((f) => (
                    <Badge key={f.quarter} tone="bad">
                      {f.quarter}
                    </Badge>
                  ))}
                </p>
              )}
              <Table
                rows={data.items}
                rowKey={(s) => s.id}
                columns={[
                  { header: t('gs.heldOn'), cell: (s) => formatDate(s.heldOn) },
                  { header: t('gs.present'), cell: (s) => s.presentIds.map(nameOf).join(', ') },
                  { header: t('gs.matters'), cell: (s) => <span className="pre">{s.matters}</span> },
                  { header: t('gs.conclusions'), cell: (s) => <span className="pre">{s.conclusions}</span> },
                  {
                    header: t('gs.task'),
                    cell: (s) => s.tasks.map((x) => `${nameOf(x.officialId)}: ${x.task}`).join('; '),
                  },
                ]}
              />
            </>
          )}
        </Async>
      </Section>
    </>
  );
}

export function GroupSessionsPage() {
  const { t } = useI18n();
  const me = useLoader(() => api<Me>('/me'), []);
  return (
    <>
      <PageTitle intro={t('gs.intro')}>{t('gs.title')}</PageTitle>
      <Async loaded={me}>
        {(m) => (
          <>
            {m.memberships
              .filter((x) => x.isLeader)
              .map((x) => (
                <GroupSessions key={x.group.id} groupId={x.group.id} groupName={x.group.name} />
              ))}
          </>
        )}
      </Async>
    </>
  );
}
