/**
 * A reorganisation of administrative units (merge, split, rename, dissolve, new unit) with its legal basis and
 * effective day: the preview lists what it touches and what happens to each, then the same body is recorded; each new
 * unit's proposal goes to leadership's inbox. The administrator's (the API's keepers of the map).
 */
import { type FormEvent, useState } from 'react';
import { AreaKindSchema } from '../../../../contracts/codes';
import type { z } from 'zod';
import type { RecordedReorganizationSchema, ReorganizationPlanSchema } from '../../../../contracts/reorganisations';
import { post } from '../../api';
import { Checkbox, DateField, ErrorMessage, Notice, Section, Select, TextField } from '../../components';
import { formatDate, parseDay, todayText } from '../../format';
import { useI18n } from '../../i18n';
import { useFormSubmit } from '../../use-form-submit';
import type { OrganisationLists } from './lists';

type ReorganizationPlan = z.infer<typeof ReorganizationPlanSchema>;
type RecordedReorganization = z.infer<typeof RecordedReorganizationSchema>;

const KINDS = ['MERGE', 'SPLIT', 'RENAME', 'DISSOLVE', 'NEW_UNIT'] as const;
type Kind = (typeof KINDS)[number];

export function ReorganisationSection({ lists, onChange }: { lists: OrganisationLists; onChange(): void }) {
  const { t, e } = useI18n();
  const [kind, setKind] = useState<Kind>('MERGE');
  const [basisNumber, setBasisNumber] = useState('');
  const [basisDate, setBasisDate] = useState(todayText());
  const [effectiveOn, setEffectiveOn] = useState(todayText());
  const [predecessorIds, setPredecessorIds] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [officialCode, setOfficialCode] = useState('');
  const [areaKind, setAreaKind] = useState<string>('COMMUNE');
  const [newName, setNewName] = useState('');
  const [plan, setPlan] = useState<ReorganizationPlan | null>(null);
  const [recorded, setRecorded] = useState<RecordedReorganization | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const form = useFormSubmit();

  const createsUnits = kind === 'MERGE' || kind === 'SPLIT' || kind === 'NEW_UNIT';
  const body = () => ({
    kind,
    legalBasis: { number: basisNumber.trim(), date: parseDay(basisDate) },
    effectiveOn: parseDay(effectiveOn),
    predecessors: predecessorIds.map((areaId) => ({ areaId, whole: true })),
    successors: createsUnits
      ? [
          {
            code: code.trim(),
            officialCode: officialCode.trim() || null,
            name: name.trim(),
            level: ['COMMUNE', 'WARD', 'SPECIAL_ZONE'].includes(areaKind) ? 'COMMUNE' : null,
            kind: areaKind,
            parentId: null,
          },
        ]
      : [],
    newName: kind === 'RENAME' ? newName.trim() : null,
  });

  // Any change to the form asks for a new preview before recording.
  const edit =
    <V,>(set: (value: V) => void) =>
    (value: V) => {
      set(value);
      setPlan(null);
    };

  const preview = async (event: FormEvent) => {
    event.preventDefault();
    setRecorded(null);
    await form.submit({ ok: true as const, data: body() }, async (data) =>
      setPlan(await post<ReorganizationPlan>('/reorganisations/preview', data)),
    );
  };

  const record = async () => {
    const done = await form.submit({ ok: true as const, data: body() }, async (data) =>
      setRecorded(await post<RecordedReorganization>('/reorganisations', data, { 'Idempotency-Key': key })),
    );
    if (done) {
      setPlan(null);
      setKey(crypto.randomUUID());
      setPredecessorIds([]);
      onChange();
    }
  };

  const areaName = (id: string) =>
    plan?.successors.find((s) => s.id === id)?.name ?? lists.areas.find((a) => a.id === id)?.name ?? id;

  return (
    <Section title={t('org.reorg')}>
      <p className="intro">{t('org.reorg.intro')}</p>
      {recorded && <Notice>{t('org.reorg.recorded', { count: recorded.proposalIds.length })}</Notice>}
      <form className="form" onSubmit={(event) => void preview(event)} noValidate aria-label={t('org.reorg')}>
        {form.error ? <ErrorMessage error={form.error} /> : null}
        <Select
          label={t('org.reorg.kind')}
          value={kind}
          onChange={edit((value: string) => setKind(value as Kind))}
          required
          options={KINDS.map((k) => ({ value: k, label: t(`org.reorg.kind.${k}`) }))}
        />
        <TextField
          label={t('org.reorg.basisNumber')}
          name="legalBasisNumber"
          value={basisNumber}
          onChange={edit(setBasisNumber)}
          error={form.errors['legalBasis.number']}
          required
        />
        <DateField
          label={t('org.reorg.basisDate')}
          name="legalBasisDate"
          value={basisDate}
          onChange={edit(setBasisDate)}
          error={form.errors['legalBasis.date']}
          required
        />
        <DateField
          label={t('org.reorg.effectiveOn')}
          name="effectiveOn"
          value={effectiveOn}
          onChange={edit(setEffectiveOn)}
          error={form.errors.effectiveOn}
          required
        />
        {kind !== 'NEW_UNIT' && (
          <fieldset className="predecessors">
            <legend>{t('org.reorg.predecessors')}</legend>
            {lists.areas.map((a) => (
              <Checkbox
                key={a.id}
                label={`${a.code} ${a.name}`}
                checked={predecessorIds.includes(a.id)}
                onChange={edit((on: boolean) =>
                  setPredecessorIds(on ? [...predecessorIds, a.id] : predecessorIds.filter((id) => id !== a.id)),
                )}
              />
            ))}
          </fieldset>
        )}
        {createsUnits && (
          <fieldset className="successor">
            <legend>{t('org.reorg.successor')}</legend>
            <TextField
              label={t('org.reorg.successorName')}
              name="successorName"
              value={name}
              onChange={edit(setName)}
              error={form.errors['successors.0.name']}
              required
            />
            <TextField
              label={t('org.reorg.successorCode')}
              name="successorCode"
              value={code}
              onChange={edit(setCode)}
              error={form.errors['successors.0.code']}
              required
            />
            <TextField
              label={t('org.reorg.officialCode')}
              name="officialCode"
              value={officialCode}
              onChange={edit(setOfficialCode)}
              error={form.errors['successors.0.officialCode']}
              required={false}
            />
            <Select
              label={t('org.reorg.successorKind')}
              value={areaKind}
              onChange={edit(setAreaKind)}
              required
              options={AreaKindSchema.options.map((k) => ({ value: k, label: e('areaKind', k) }))}
            />
          </fieldset>
        )}
        {kind === 'RENAME' && (
          <TextField
            label={t('org.reorg.newName')}
            name="newName"
            value={newName}
            onChange={edit(setNewName)}
            error={form.errors.newName}
            required
          />
        )}
        <button type="submit" className={plan ? 'secondary' : undefined} disabled={form.busy}>
          {t('org.reorg.preview')}
        </button>
      </form>
      {plan && (
        <div
          className="card reorganisation-plan"
          role="region"
          aria-label={t('org.reorg.plan', { date: formatDate(plan.effectiveOn) })}
        >
          <h3>{t('org.reorg.plan', { date: formatDate(plan.effectiveOn) })}</h3>
          <ul>
            {plan.predecessors.map((p) => (
              <li key={p.area.id}>
                {p.area.code} {p.area.name}:{' '}
                {p.outcome === 'CEASES'
                  ? t('org.reorg.ceases', { date: formatDate(plan.effectiveOn) })
                  : t('org.reorg.continues')}
                {p.successorAreaIds.length > 0 && ` → ${p.successorAreaIds.map(areaName).join(', ')}`}
              </li>
            ))}
            {plan.rename && (
              <li>
                {plan.rename.from} → {plan.rename.to}
              </li>
            )}
          </ul>
          <h4>{t('org.reorg.assignments', { count: plan.assignments.length })}</h4>
          <ul>
            {plan.assignments.map((a) => (
              <li key={a.id}>
                {a.official.code} {a.official.fullName}, {a.area.name}:{' '}
                {a.outcome === 'CLOSES' ? t('org.reorg.assignment.closes') : t('org.reorg.assignment.continues')}
              </li>
            ))}
          </ul>
          <p>
            {t('org.reorg.others', {
              filings: plan.openFilings.length,
              evaluations: plan.evaluations.length,
              complaints: plan.complaints.length,
              meetings: plan.meetings.length,
            })}
          </p>
          {plan.successorProposals.length > 0 && (
            <>
              <h4>{t('org.reorg.proposals')}</h4>
              <ul>
                {plan.successorProposals.map((p) => (
                  <li key={p.areaId}>
                    {p.name}:{' '}
                    {p.candidates.length > 0
                      ? t('org.reorg.candidates', {
                          names: p.candidates.map((c) => `${c.fullName} (${c.fromArea.name})`).join(', '),
                        })
                      : t('org.reorg.noCandidates')}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" onClick={() => void record()} disabled={form.busy}>
            {form.busy ? t('common.saving') : t('org.reorg.record')}
          </button>
        </div>
      )}
    </Section>
  );
}
