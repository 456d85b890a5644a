/**
 * The leader in charge's requests to attend meetings, in the approval inbox, the soonest meeting first (Đ5.2); and
 * the meetings attended without approval, shown to them.
 */
import { useState } from 'react';
import { api, post } from '../api';
import { Async, Badge, ErrorMessage, Notice, Section, Table, TextField, useLoader } from '../components';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { type MeetingItem, useMeetingWords } from './MeetingsPage';
import { useFormSubmit } from '../use-form-submit';

export function MeetingRequests() {
  const { t } = useI18n();
  const words = useMeetingWords();
  const inbox = useLoader(
    () => api<{ items: MeetingItem[]; withoutApproval: MeetingItem[] }>('/approvals/meetings'),
    [],
  );
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const { error, busy, submit } = useFormSubmit();
  const decide = (id: string, approved: boolean) =>
    void submit({ ok: true, data: { approved, ...(notes[id]?.trim() && { note: notes[id] }) } }, (body) =>
      post(`/meetings/${id}/decision`, body),
    ).then((ok) => {
      if (!ok) return;
      setDone(true);
      inbox.reload();
    });
  return (
    <Section title={t('mt.inbox')} id="meeting-requests">
      {done && <Notice>{t('mt.done')}</Notice>}
      {error ? <ErrorMessage error={error} /> : null}
      <Async loaded={inbox}>
        {(data) => (
          <>
            <Table
              rows={data.items}
              rowKey={(m) => m.id}
              empty={t('mt.inboxEmpty')}
              columns={[
                { header: t('mt.when'), cell: (m) => formatDateTime(m.startsAt) },
                { header: t('mt.area'), cell: (m) => `${m.areaName} — ${words.body(m.body)}` },
                {
                  header: t('mt.attendee'),
                  cell: (m) =>
                    `${m.attendeeName ?? m.attendeeId}${m.onBehalfOfGroupLeader ? ` (${t('mt.onBehalf')})` : ''}`,
                },
                { header: t('mt.agenda'), cell: (m) => <span className="pre">{m.agenda}</span> },
                {
                  header: t('mt.note'),
                  cell: (m) => (
                    <div className="actions">
                      <TextField
                        label={`${t('mt.note')} — ${m.areaName}`}
                        value={notes[m.id] ?? ''}
                        onChange={(value) => setNotes((all) => ({ ...all, [m.id]: value }))}
                      />
                      <button type="button" disabled={busy} onClick={() => decide(m.id, true)}>
                        {t('mt.approve')}
                      </button>
                      <button type="button" className="secondary" disabled={busy} onClick={() => decide(m.id, false)}>
                        {t('mt.refuse')}
                      </button>
                    </div>
                  ),
                },
              ]}
            />
            {data.withoutApproval.length > 0 && (
              <>
                <h3>{t('mt.withoutApprovalList')}</h3>
                <Table
                  rows={data.withoutApproval}
                  rowKey={(m) => m.id}
                  columns={[
                    { header: t('mt.when'), cell: (m) => formatDateTime(m.startsAt) },
                    { header: t('mt.area'), cell: (m) => m.areaName },
                    { header: t('mt.attendee'), cell: (m) => m.attendeeName ?? m.attendeeId },
                    { header: t('mt.state'), cell: (m) => <Badge tone="bad">{words.state(m.state)}</Badge> },
                  ]}
                />
              </>
            )}
          </>
        )}
      </Async>
    </Section>
  );
}
