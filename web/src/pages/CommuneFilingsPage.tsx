/**
 * "Chương trình, báo cáo theo dõi xã": a leader of a provincial agency sees the communes they monitor with the year's
 * monitoring programme, periodic reports and yearly report (due day, version, on time, late, overdue, escalated, the
 * days at the commune a report gave) and files what is still owed, a report with the days spent in the commune during
 * its period. Late filings are accepted and recorded late; the rules are the API's.
 */
import { type FormEvent, useState } from 'react';
import type { CommuneFiling, CommuneLinkFilings } from '../../../contracts/commune-filings';
import { post } from '../api';
import {
  Async,
  Badge,
  type Column,
  ErrorMessage,
  PageTitle,
  Section,
  Table,
  TextArea,
  TextField,
  useApi,
} from '../components';
import { formatDate, parseDay } from '../format';
import { type MessageKey, useI18n } from '../i18n';

const OWED: readonly CommuneFiling['status'][] = ['OPEN', 'MISSED'];
const TONE: Record<CommuneFiling['status'], 'ok' | 'bad' | 'neutral' | 'warn'> = {
  OPEN: 'neutral',
  MISSED: 'bad',
  FILED: 'ok',
  FILED_LATE: 'warn',
  NOT_FILED: 'bad',
  CANCELLED: 'neutral',
};

export function CommuneFilingsPage() {
  const { t } = useI18n();
  const links = useApi<CommuneLinkFilings[]>('/commune-links');
  return (
    <>
      <PageTitle intro={t('communeFiling.intro')}>{t('communeFiling.title')}</PageTitle>
      <Async loaded={links}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('communeFiling.none')}</p>
          ) : (
            list.map((link) => <LinkFilings key={link.linkId} link={link} onFiled={links.reload} />)
          )
        }
      </Async>
    </>
  );
}

function LinkFilings({ link, onFiled }: { link: CommuneLinkFilings; onFiled(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  const columns: Column<CommuneFiling>[] = [
    { header: t('communeFiling.col.kind'), cell: (f) => t(`communeFiling.kind.${f.kind}` as MessageKey) },
    { header: t('communeFiling.col.period'), cell: (f) => f.period },
    { header: t('communeFiling.col.due'), cell: (f) => formatDate(f.dueOn) },
    {
      header: t('communeFiling.col.status'),
      cell: (f) => (
        <>
          <Badge tone={TONE[f.status]}>{t(`communeFiling.status.${f.status}` as MessageKey)}</Badge>
          {f.escalationLevel > 0 && ` ${t('communeFiling.escalated', { level: f.escalationLevel })}`}
        </>
      ),
    },
    { header: t('communeFiling.col.version'), cell: (f) => f.policyVersion },
    {
      header: t('communeFiling.col.fieldDays'),
      cell: (f) => f.fieldDays.map((d) => formatDate(d)).join(', '),
    },
    {
      header: '',
      cell: (f) =>
        OWED.includes(f.status) ? (
          <button type="button" className="btn btn-secondary" onClick={() => setOpen(`${f.kind}/${f.period}`)}>
            {t('communeFiling.file')}
          </button>
        ) : null,
    },
  ];
  const chosen = link.filings.find((f) => `${f.kind}/${f.period}` === open);
  return (
    <Section title={t('communeFiling.caption', { area: link.areaName, from: formatDate(link.from) })}>
      <Table rows={link.filings} columns={columns} rowKey={(f) => `${f.kind}/${f.period}`} />
      {chosen && (
        <FilingForm
          key={open}
          linkId={link.linkId}
          filing={chosen}
          onFiled={() => {
            setOpen(null);
            onFiled();
          }}
        />
      )}
    </Section>
  );
}

function FilingForm({ linkId, filing, onFiled }: { linkId: string; filing: CommuneFiling; onFiled(): void }) {
  const { t } = useI18n();
  const [content, setContent] = useState('');
  const [days, setDays] = useState('');
  // A report gives the days spent in the commune during its period; the programme is a plan and gives none.
  const givesDays = filing.kind !== 'PROGRAMME';
  const [key] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      await post(
        `/commune-links/${encodeURIComponent(linkId)}/filings/${filing.kind.toLowerCase()}/${encodeURIComponent(filing.period)}`,
        givesDays ? { content, daysInCommune: daysOf(days) } : { content },
        { 'idempotency-key': key },
      );
      onFiled();
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <h3>
        {t(`communeFiling.kind.${filing.kind}` as MessageKey)} {filing.period}
      </h3>
      <TextArea label={t('communeFiling.content')} required value={content} onChange={setContent} rows={6} />
      {givesDays && (
        <TextField
          label={t('communeFiling.fieldDays')}
          hint={t('communeFiling.fieldDays.hint')}
          required={false}
          value={days}
          onChange={setDays}
          inputMode="numeric"
        />
      )}
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="btn btn-primary" disabled={sending}>
        {t('communeFiling.file')}
      </button>
    </form>
  );
}

/** Days typed as dd/mm/yyyy, separated by commas, semicolons or spaces, as ISO days (anything else as typed, for the API to name). */
function daysOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .filter((part) => part !== '')
    .map(parseDay);
}
