/**
 * 'Cuộc họp': the areas' invitations (Đ9.3), asking the leader in charge before attending (Đ5.2), a member
 * delegated by the group leader (Đ7.B.3) and the report after the meeting (Đ7.A.5). The forms validate with the API's
 * own schemas (workflows/meeting.schemas.ts) and show each problem beside its field.
 */
import { type FormEvent, useId, useState } from 'react';
import { api, type Page, post } from '../api';
import {
  Async,
  Badge,
  Checkbox,
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
import { formatDateTime } from '../format';
import { type MessageKey, useI18n } from '../i18n';
import { MEETING_BODIES } from '../../../machines/meeting-policy';
import {
  DelegateArgsSchema,
  InstantSchema,
  MeetingBodySchema,
  MeetingReportArgsSchema,
} from '../../../workflows/meeting.schemas';
import { z } from 'zod';
import type { Me } from '../../../contracts/directory';
import type { MeetingListItem } from '../../../contracts/meetings';
import { useFormSubmit } from '../use-form-submit';
import { uploadFile } from '../upload';

/** A meeting as the list and the detail answer it (the detail adds what the caller may do next). */
export type MeetingItem = MeetingListItem & { allowedEvents?: string[] };

const InviteFormSchema = z.strictObject({
  areaId: z.string().trim().min(1).max(200),
  body: MeetingBodySchema,
  startsAt: InstantSchema,
  place: z.string().trim().min(1).max(500),
  agenda: z.string().trim().min(1).max(20_000),
  invitedId: z.string().min(1).optional(),
});
const ReportFormSchema = MeetingReportArgsSchema.omit({ actor: true });
const DelegateFormSchema = DelegateArgsSchema.omit({ actor: true });

/** The state's words: its top state's label, the code itself when the tables do not know it. */
export function useMeetingWords() {
  const { t } = useI18n();
  const label = (key: string, fallback: string) => {
    const text = t(key as MessageKey);
    return text === key ? fallback : text;
  };
  return {
    state: (state: string) => label(`mt.s.${state.split('.')[0]}`, state),
    body: (body: string) => label(`mt.b.${body}`, body),
  };
}

function InviteForm({ me, onRecorded }: { me: Me; onRecorded(): void }) {
  const { t } = useI18n();
  const words = useMeetingWords();
  const areas = me.area ? [me.area] : me.assignments.map((a) => a.area);
  const [areaId, setAreaId] = useState(areas[0]?.id ?? '');
  const [body, setBody] = useState<string>('BTV');
  const [when, setWhen] = useState('');
  const [place, setPlace] = useState('');
  const [agenda, setAgenda] = useState('');
  const [invitesMe, setInvitesMe] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [saved, setSaved] = useState(false);
  const fileId = useId();
  const { errors, error, busy, submit } = useFormSubmit();

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const values = {
      areaId,
      body,
      startsAt: when ? `${when}:00+07:00` : '',
      place,
      agenda,
      ...(invitesMe && me.official && { invitedId: me.official.id }),
    };
    const ok = await submit(validate(InviteFormSchema, values, t), async (data) => {
      const { meetingId } = await post<{ meetingId: string }>('/meetings', data);
      if (file) await uploadFile(`/meetings/${meetingId}/document`, 'document', file);
    });
    if (ok) {
      setSaved(true);
      setPlace('');
      setAgenda('');
      setWhen('');
      onRecorded();
    }
  };

  return (
    <form className="card form" onSubmit={(event) => void send(event)} noValidate aria-label={t('mt.new')}>
      <h2>{t('mt.new')}</h2>
      {saved && <Notice>{t('mt.recorded')}</Notice>}
      {error ? <ErrorMessage error={error} fields={errors} /> : null}
      <div className="row">
        <Select
          label={t('mt.area')}
          value={areaId}
          onChange={setAreaId}
          error={errors.areaId}
          required
          options={areas.map((a) => ({ value: a.id, label: a.name }))}
        />
        <Select
          label={t('mt.body')}
          value={body}
          onChange={setBody}
          error={errors.body}
          required
          options={MEETING_BODIES.map((b) => ({ value: b, label: words.body(b) }))}
        />
        <TextField
          label={t('mt.startsAt')}
          type="datetime-local"
          value={when}
          onChange={setWhen}
          error={errors.startsAt}
          required
        />
      </div>
      <TextField label={t('mt.place')} value={place} onChange={setPlace} error={errors.place} required />
      <TextArea label={t('mt.agenda')} value={agenda} onChange={setAgenda} error={errors.agenda} required rows={3} />
      {me.official && <Checkbox label={t('mt.invitesMe')} checked={invitesMe} onChange={setInvitesMe} />}
      <div className="field">
        <label htmlFor={fileId}>{t('mt.document')}</label>
        <input
          id={fileId}
          type="file"
          accept="application/pdf,image/png,image/jpeg,.docx"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        {errors.document && <p className="field-error">{errors.document}</p>}
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t('common.saving') : t('mt.record')}
      </button>
    </form>
  );
}

/** What the caller may do on one meeting now: the events its workflow allows, each as a small form. */
function MeetingActions({ id, onDone }: { id: string; onDone(): void }) {
  const { t } = useI18n();
  const words = useMeetingWords();
  const meeting = useLoader(() => api<MeetingItem & { allowedEvents: string[] }>(`/meetings/${id}`), [id]);
  const [memberId, setMemberId] = useState('');
  const [notes, setNotes] = useState('');
  const [remarks, setRemarks] = useState('');
  const [matters, setMatters] = useState('');
  const [personnel, setPersonnel] = useState('');
  const [done, setDone] = useState(false);
  const { errors, error, busy, submit } = useFormSubmit();
  const after = (ok: boolean) => {
    if (!ok) return;
    setDone(true);
    meeting.reload();
    onDone();
  };

  return (
    <Async loaded={meeting}>
      {(m) => (
        <Section title={`${words.body(m.body)} — ${m.areaName} — ${formatDateTime(m.startsAt)}`} id="meeting-detail">
          {done && <Notice>{t('mt.done')}</Notice>}
          {error ? <ErrorMessage error={error} fields={errors} /> : null}
          <p>
            <Badge tone="info">{words.state(m.state)}</Badge> {m.place} · {m.attendeeName ?? m.attendeeId}
            {m.onBehalfOfGroupLeader ? ` (${t('mt.onBehalf')})` : ''}
          </p>
          <p className="pre">{m.agenda}</p>
          {m.allowedEvents.includes('REQUEST_ATTENDANCE') && (
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void submit({ ok: true, data: {} }, (b) => post(`/meetings/${id}/attendance-request`, b)).then(after)
              }
            >
              {t('mt.ask')}
            </button>
          )}
          {m.allowedEvents.includes('DELEGATE') && (
            <form
              className="form"
              noValidate
              aria-label={t('mt.delegate')}
              onSubmit={(event) => {
                event.preventDefault();
                void submit(validate(DelegateFormSchema, { memberId }, t), (b) =>
                  post(`/meetings/${id}/delegation`, b),
                ).then(after);
              }}
            >
              <TextField
                label={t('mt.member')}
                value={memberId}
                onChange={setMemberId}
                error={errors.memberId}
                required
              />
              <button type="submit" disabled={busy}>
                {t('mt.delegate')}
              </button>
            </form>
          )}
          {m.allowedEvents.includes('FILE_REPORT') && (
            <form
              className="form"
              noValidate
              aria-label={t('mt.report')}
              onSubmit={(event) => {
                event.preventDefault();
                const values = {
                  notes,
                  remarks,
                  mattersForLeadership: matters,
                  ...(personnel.trim() && { personnelNotes: personnel }),
                };
                void submit(validate(ReportFormSchema, values, t), (b) => post(`/meetings/${id}/report`, b)).then(
                  after,
                );
              }}
            >
              <h3>{t('mt.report')}</h3>
              <TextArea
                label={t('mt.notes')}
                value={notes}
                onChange={setNotes}
                error={errors.notes}
                required
                rows={5}
              />
              <TextArea label={t('mt.remarks')} value={remarks} onChange={setRemarks} error={errors.remarks} rows={3} />
              <TextArea
                label={t('mt.matters')}
                value={matters}
                onChange={setMatters}
                error={errors.mattersForLeadership}
                rows={3}
              />
              <TextArea
                label={t('mt.personnel')}
                value={personnel}
                onChange={setPersonnel}
                error={errors.personnelNotes}
                rows={3}
              />
              <button type="submit" disabled={busy}>
                {busy ? t('common.saving') : t('mt.fileReport')}
              </button>
            </form>
          )}
        </Section>
      )}
    </Async>
  );
}

export function MeetingsPage() {
  const { t } = useI18n();
  const words = useMeetingWords();
  const me = useLoader(() => api<Me>('/me'), []);
  const list = useLoader(() => api<Page<MeetingItem>>('/meetings?limit=100'), []);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <PageTitle intro={t('mt.intro')}>{t('mt.title')}</PageTitle>
      <Async loaded={me}>{(m) => <InviteForm me={m} onRecorded={() => list.reload()} />}</Async>
      <Section title={t('mt.list')}>
        <Async loaded={list}>
          {(page) => (
            <Table
              rows={page.items}
              rowKey={(m) => m.id}
              columns={[
                { header: t('mt.when'), cell: (m) => formatDateTime(m.startsAt) },
                { header: t('mt.area'), cell: (m) => m.areaName },
                { header: t('mt.body'), cell: (m) => words.body(m.body) },
                {
                  header: t('mt.attendee'),
                  cell: (m) =>
                    `${m.attendeeName ?? m.attendeeId}${m.onBehalfOfGroupLeader ? ` (${t('mt.onBehalf')})` : ''}`,
                },
                {
                  header: t('mt.state'),
                  cell: (m) => (
                    <>
                      <Badge tone={m.attendedWithoutApproval ? 'bad' : 'neutral'}>{words.state(m.state)}</Badge>
                      {m.attendedWithoutApproval && ` ${t('mt.withoutApproval')}`}
                    </>
                  ),
                },
                {
                  header: t('mt.open'),
                  cell: (m) => (
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`${t('mt.open')}: ${m.areaName}, ${formatDateTime(m.startsAt)}`}
                      onClick={() => setSelected(m.id)}
                    >
                      {t('mt.open')}
                    </button>
                  ),
                },
              ]}
            />
          )}
        </Async>
      </Section>
      {selected && <MeetingActions key={selected} id={selected} onDone={() => list.reload()} />}
    </>
  );
}
