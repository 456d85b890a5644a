/**
 * "Phân công theo dõi xã": the proposals the Board's staff prepared for the Provincial Standing Committee on who
 * monitors a commune or ward (seed 001, Quy định 26), pending first; a Standing Committee member approves one with
 * the Standing Committee's decision (its own register, e.g. 5-QĐ/TU) or refuses it with a comment. Each decision sends
 * one Idempotency-Key per filling, so a repeated click decides nothing twice. A decision shows its paper (PDF, Word)
 * and whether it is signed ("Đã ký số"); to the member who approved it and to the administrator, while unsigned, the
 * form that hands in the signed PDF (the Board's own DecisionSignature, under /commune-decisions).
 */
import { type FormEvent, useState } from 'react';
import type { CommuneProposal, CommuneProposalList } from '../../../contracts/commune-decisions';
import { dayOf } from '../../../machines/calendar';
import { COMMUNE_LINK_DECIDERS } from '../../../machines/commune-decisions';
import { post } from '../api';
import {
  Async,
  Badge,
  type Column,
  DateField,
  ErrorMessage,
  PageTitle,
  Section,
  Table,
  TextArea,
  TextField,
  useApi,
} from '../components';
import { formatDate, parseDay } from '../format';
import { DocumentLinks } from './DecisionDocuments';
import { DecisionSignature, SignedBadge } from './DecisionSignature';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { CommuneProposalForms, issueFields, keyOf, useRefusalFields } from './CommuneProposalForms';

const newKey = () => crypto.randomUUID();

/**
 * Signed: "Đã ký số" as listed. Unsigned: for its signer (the member who approved) and the administrator, who alone
 * may hand it in, the signed copy's form with its status; for anyone else, "Chưa có bản ký số".
 */
function CommuneDecisionSignature({ decision }: { decision: NonNullable<CommuneProposal['decision']> }) {
  const { has, user } = useSession();
  if (!decision.signature && (user?.id === decision.signerUserId || has('ADMINISTRATOR')))
    return <DecisionSignature decisionId={decision.id} base="/commune-decisions" />;
  return <SignedBadge signature={decision.signature} />;
}

export function CommuneDecisionsPage() {
  const { t } = useI18n();
  const { has } = useSession();
  const proposals = useApi<CommuneProposalList>('/commune-proposals');
  const [done, setDone] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const decides = has(...COMMUNE_LINK_DECIDERS);

  const leaderOf = (p: CommuneProposal) => `${p.leader.displayName} (${p.leader.title}, ${p.leader.agencyName})`;
  const columns = (pending: boolean): Column<CommuneProposal>[] => [
    {
      header: t('communeDecision.col.kind'),
      cell: (p) =>
        p.kind === 'REASSIGNMENT'
          ? t('communeDecision.kind.REASSIGNMENT', { name: p.endsLink?.displayName ?? '' })
          : t('communeDecision.kind.APPOINTMENT'),
    },
    { header: t('communeDecision.col.commune'), cell: (p) => p.area.name },
    { header: t('communeDecision.col.leader'), cell: leaderOf },
    { header: t('communeDecision.col.from'), cell: (p) => formatDate(p.from) },
    {
      header: t('communeDecision.col.reason'),
      cell: (p) => (p.ground ? `${t(`communeDecision.ground.${p.ground}`)}: ${p.reason}` : p.reason),
    },
    { header: t('communeDecision.col.proposedBy'), cell: (p) => p.proposedByName },
    pending
      ? {
          header: t('communeDecision.col.decision'),
          cell: (p) =>
            decides ? (
              <button type="button" onClick={() => setChosen(p.id)} aria-pressed={chosen === p.id}>
                {t('communeDecision.decide', { commune: p.area.name, leader: p.leader.displayName })}
              </button>
            ) : (
              <Badge tone="info">{t('communeDecision.status.PENDING')}</Badge>
            ),
        }
      : {
          header: t('communeDecision.col.status'),
          cell: (p) => (
            <>
              <Badge tone={p.status === 'APPROVED' ? 'ok' : 'bad'}>{t(`communeDecision.status.${p.status}`)}</Badge>{' '}
              {p.decision ? `${p.decision.number} (${formatDate(p.decision.issuedOn)})` : (p.decisionComment ?? '')}
              {p.decision ? (
                <DocumentLinks
                  path={`/commune-decisions/${encodeURIComponent(p.decision.id)}/document`}
                  label={t('papers.finalNumbered', { number: p.decision.number })}
                />
              ) : null}
              {p.decision ? <CommuneDecisionSignature decision={p.decision} /> : null}
            </>
          ),
        },
  ];

  return (
    <>
      <PageTitle intro={t('communeDecision.intro')}>{t('communeDecision.title')}</PageTitle>
      {done && (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      )}
      <CommuneProposalForms
        onProposed={(proposal) => {
          setDone(t('communeProposal.proposed', { commune: proposal.area.name, leader: proposal.leader.displayName }));
          proposals.reload();
        }}
      />
      <Async loaded={proposals}>
        {({ items }) => {
          const pending = items.filter((p) => p.status === 'PENDING');
          const decided = items.filter((p) => p.status !== 'PENDING').reverse();
          const selected = pending.find((p) => p.id === chosen);
          return (
            <>
              <Section title={t('communeDecision.pending')}>
                <Table
                  rows={pending}
                  rowKey={(p) => p.id}
                  columns={columns(true)}
                  caption={t('communeDecision.pending')}
                  empty={t('communeDecision.none')}
                />
              </Section>
              {decides && selected && (
                <DecisionForm
                  key={selected.id}
                  proposal={selected}
                  onDecided={(answer) => {
                    setChosen(null);
                    setDone(
                      answer.status === 'APPROVED'
                        ? t('communeDecision.approved', {
                            number: answer.decision?.number ?? '',
                            leader: answer.leader.displayName,
                            commune: answer.area.name,
                          })
                        : t('communeDecision.refused', {
                            leader: answer.leader.displayName,
                            commune: answer.area.name,
                          }),
                    );
                    proposals.reload();
                  }}
                />
              )}
              <Section title={t('communeDecision.decided')}>
                <Table
                  rows={decided}
                  rowKey={(p) => p.id}
                  columns={columns(false)}
                  caption={t('communeDecision.decided')}
                  empty={t('communeDecision.noneDecided')}
                />
              </Section>
            </>
          );
        }}
      </Async>
    </>
  );
}

function DecisionForm({
  proposal,
  onDecided,
}: {
  proposal: CommuneProposal;
  onDecided(answer: CommuneProposal): void;
}) {
  const { t } = useI18n();
  const [number, setNumber] = useState('');
  const [issuedOn, setIssuedOn] = useState(() => formatDate(dayOf(Date.now())));
  const [comment, setComment] = useState('');
  const [key] = useState(newKey);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = useRefusalFields()(error, issueFields(error));
  const title = t('communeDecision.decide', { commune: proposal.area.name, leader: proposal.leader.displayName });

  const send = async (body: Record<string, unknown>) => {
    setError(null);
    setBusy(true);
    try {
      const answer = await post<CommuneProposal>(
        `/commune-proposals/${encodeURIComponent(proposal.id)}/decision`,
        body,
        { 'idempotency-key': keyOf(key, body) },
      );
      onDecided(answer);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const approve = (event: FormEvent) => {
    event.preventDefault();
    void send({
      outcome: 'APPROVE',
      decision: { number: number.trim(), issuedOn: parseDay(issuedOn) },
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
  };
  return (
    <Section title={title}>
      <form className="card form" onSubmit={approve} noValidate aria-label={title}>
        {error ? <ErrorMessage error={error} /> : null}
        <TextField
          label={t('communeDecision.number')}
          name="number"
          value={number}
          onChange={setNumber}
          error={fields['decision.number']}
          required
        />
        <DateField
          label={t('communeDecision.issuedOn')}
          name="issuedOn"
          value={issuedOn}
          onChange={setIssuedOn}
          error={fields['decision.issuedOn']}
        />
        <TextArea
          label={t('communeDecision.comment')}
          name="comment"
          value={comment}
          onChange={setComment}
          error={fields.comment}
        />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t('communeDecision.approve')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void send({ outcome: 'REFUSE', comment: comment.trim() })}
          >
            {t('communeDecision.refuse')}
          </button>
        </div>
      </form>
    </Section>
  );
}
