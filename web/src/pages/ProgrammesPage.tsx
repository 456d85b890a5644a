/**
 * The monitoring programmes and their rule versions: the list, a programme's versions over time, and for the
 * administrator and Board leadership a draft of a new version (every field of the rules, from the latest version),
 * its preview (each changed field, the running assignments it reaches, a refusal with its rule named) and its
 * publication from an effective date. Publishing needs a preview of exactly what is sent.
 */
import { type FormEvent, useMemo, useState } from 'react';
import type {
  ProgrammeDetail,
  ProgrammeSummary,
  ProgrammeVersion,
  VersionPreview,
} from '../../../contracts/programmes';
import { ApiError, post } from '../api';
import {
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
  useApi,
} from '../components';
import { formatDate, formatDateTime, parseDay, todayText } from '../format';
import { type MessageKey, useI18n } from '../i18n';
import { LEADERSHIP, useSession } from '../session';
import {
  POLICY_FIELDS,
  POLICY_GROUPS,
  type PolicyField,
  policyFrom,
  shownValue,
  type TypedValues,
  typedValuesOf,
} from './programme-fields';

const PUBLISHERS: readonly string[] = ['ADMINISTRATOR', ...LEADERSHIP];

export function ProgrammesPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const programmes = useApi<ProgrammeSummary[]>('/programmes');
  const [chosen, setChosen] = useState<string | null>(null);
  const selectedId = chosen ?? programmes.data?.[0]?.id ?? null;
  const canPublish = !!user && user.roles.some((role) => PUBLISHERS.includes(role));

  return (
    <>
      <PageTitle intro={t('prog.intro')}>{t('prog.title')}</PageTitle>
      <Section title={t('prog.list')}>
        {programmes.error ? <ErrorMessage error={programmes.error} onRetry={programmes.reload} /> : null}
        <Table
          rows={programmes.data ?? []}
          rowKey={(p) => p.id}
          columns={[
            { header: t('prog.name'), cell: (p) => p.name },
            { header: t('prog.legalBasis'), cell: (p) => p.legalBasis },
            { header: t('prog.decidedBy'), cell: (p) => decidedBy(t, p) },
            {
              header: t('prog.inForce'),
              cell: (p) => (p.inForce ? `${p.inForce.label} (${formatDate(p.inForce.effectiveFrom)})` : '—'),
            },
            { header: t('prog.running'), cell: (p) => p.runningAssignments },
            {
              header: t('prog.open'),
              cell: (p) => (
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('prog.openNamed', { name: p.name })}
                  aria-pressed={p.id === selectedId}
                  onClick={() => setChosen(p.id)}
                >
                  {t('prog.open')}
                </button>
              ),
            },
          ]}
        />
      </Section>
      {selectedId && (
        <ProgrammeVersions key={selectedId} id={selectedId} canPublish={canPublish} onPublished={programmes.reload} />
      )}
    </>
  );
}

function decidedBy(t: (key: MessageKey) => string, programme: ProgrammeSummary): string {
  return t(`prog.decidedBy.${programme.decidedBy}` as MessageKey);
}

function ProgrammeVersions({ id, canPublish, onPublished }: { id: string; canPublish: boolean; onPublished(): void }) {
  const { t } = useI18n();
  const detail = useApi<ProgrammeDetail>(`/programmes/${encodeURIComponent(id)}`);
  const programme = detail.data;
  const latest = programme?.versions[programme.versions.length - 1];
  // Held here: publishing reloads the versions, and the draft starts again from the new latest.
  const [published, setPublished] = useState<ProgrammeVersion | null>(null);
  return (
    <>
      {published && (
        <Notice>{t('prog.published', { label: published.label, from: formatDate(published.effectiveFrom) })}</Notice>
      )}
      <Section title={t('prog.versions', { name: programme?.name ?? '' })}>
        {detail.error ? <ErrorMessage error={detail.error} onRetry={detail.reload} /> : null}
        <Table
          rows={programme ? [...programme.versions].reverse() : []}
          rowKey={(v) => v.id}
          caption={t('prog.versions', { name: programme?.name ?? '' })}
          columns={[
            { header: t('prog.version.label'), cell: (v) => v.label },
            { header: t('prog.version.from'), cell: (v) => formatDate(v.effectiveFrom) },
            {
              header: t('prog.version.status'),
              cell: (v) => (
                <Badge tone={v.status === 'IN_FORCE' ? 'ok' : v.status === 'PENDING' ? 'info' : 'neutral'}>
                  {t(`prog.status.${v.status}` as MessageKey)}
                </Badge>
              ),
            },
            { header: t('prog.version.note'), cell: (v) => v.note ?? '' },
            { header: t('prog.version.publishedAt'), cell: (v) => formatDateTime(v.publishedAt) },
          ]}
        />
      </Section>
      {canPublish && programme && latest && (
        <DraftVersion
          key={latest.id}
          programmeId={programme.id}
          latest={latest}
          onPublished={(version) => {
            setPublished(version);
            detail.reload();
            onPublished();
          }}
        />
      )}
    </>
  );
}

interface Body {
  effectiveFrom: string;
  policy: Record<string, unknown>;
  note?: string;
}

function fieldLabel(t: (key: MessageKey) => string, path: string): string {
  const key = `prog.field.${path}` as MessageKey;
  const label = t(key);
  return label === key ? path : label;
}

function DraftVersion({
  programmeId,
  latest,
  onPublished,
}: {
  programmeId: string;
  latest: ProgrammeVersion;
  onPublished(version: ProgrammeVersion): void;
}) {
  const { t } = useI18n();
  const [label, setLabel] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(todayText());
  const [note, setNote] = useState('');
  const [values, setValues] = useState<TypedValues>(() => typedValuesOf(latest.policy));
  const [preview, setPreview] = useState<{ body: string; answer: VersionPreview } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());

  const body: Body = useMemo(
    () => ({
      effectiveFrom: parseDay(effectiveFrom),
      policy: policyFrom(label.trim(), values),
      ...(note.trim() && { note: note.trim() }),
    }),
    [effectiveFrom, label, values, note],
  );
  const bodyText = JSON.stringify(body);
  const previewed = preview?.body === bodyText ? preview.answer : null;
  const fieldErrors = errorsByField(error, t);

  const send = async (what: 'preview' | 'publish', event?: FormEvent) => {
    event?.preventDefault();
    setError(null);
    setBusy(true);
    const path = `/programmes/${encodeURIComponent(programmeId)}/versions`;
    try {
      if (what === 'preview')
        setPreview({ body: bodyText, answer: await post<VersionPreview>(`${path}/preview`, body) });
      else {
        const version = await post<ProgrammeVersion>(path, body, { 'Idempotency-Key': key });
        setKey(crypto.randomUUID());
        setPreview(null);
        onPublished(version);
      }
    } catch (caught) {
      setError(caught);
      if (what === 'preview') setPreview(null);
    } finally {
      setBusy(false);
    }
  };

  const set = (path: string) => (value: string) => setValues((v) => ({ ...v, [path]: value }));

  return (
    <Section title={t('prog.draft')}>
      <p className="intro">{t('prog.draft.intro')}</p>
      <form className="form" noValidate aria-label={t('prog.draft')} onSubmit={(event) => void send('preview', event)}>
        <TextField
          label={t('prog.draft.versionLabel')}
          name="version"
          value={label}
          onChange={setLabel}
          error={fieldErrors['policy.version']}
          required
        />
        <DateField
          label={t('prog.draft.effectiveFrom')}
          name="effectiveFrom"
          value={effectiveFrom}
          onChange={setEffectiveFrom}
          error={fieldErrors.effectiveFrom}
          required
        />
        <TextArea label={t('prog.draft.note')} value={note} onChange={setNote} required={false} />
        {POLICY_GROUPS.map((group) => (
          <fieldset key={group} className="field-group">
            <legend>{t(`prog.draft.group.${group}` as MessageKey)}</legend>
            {POLICY_FIELDS.filter((f) => f.group === group).map((field) => (
              <PolicyInput
                key={field.path}
                field={field}
                value={values[field.path] ?? ''}
                onChange={set(field.path)}
                error={fieldErrors[`policy.${field.path}`]}
              />
            ))}
          </fieldset>
        ))}
        {error ? <Refusal error={error} /> : null}
        {preview && !previewed && <Notice kind="warning">{t('prog.preview.stale')}</Notice>}
        <div className="actions">
          <button type="submit" className="secondary" disabled={busy}>
            {t('prog.preview')}
          </button>{' '}
          <button type="button" disabled={busy || !previewed} onClick={() => void send('publish')}>
            {t('prog.publish')}
          </button>
        </div>
      </form>
      {previewed && <PreviewAnswer answer={previewed} />}
    </Section>
  );
}

function PolicyInput({
  field,
  value,
  onChange,
  error,
}: {
  field: PolicyField;
  value: string;
  onChange(value: string): void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  const label = fieldLabel(t, field.path);
  if (field.kind.kind === 'boolean')
    return <Checkbox label={label} checked={value === 'true'} onChange={(c) => onChange(String(c))} error={error} />;
  if (field.kind.kind === 'enum')
    return (
      <Select
        label={label}
        value={value}
        onChange={onChange}
        error={error}
        required
        options={field.kind.options.map((o) => {
          const key = `prog.option.${o}` as MessageKey;
          const text = t(key);
          return { value: o, label: text === key ? o : text };
        })}
      />
    );
  return (
    <TextField
      label={label}
      name={field.path}
      value={value}
      onChange={onChange}
      error={error}
      inputMode={field.kind.kind === 'number' ? 'numeric' : 'text'}
      required
    />
  );
}

/** The fields a refusal names: a 400's issues by path, a 422's one field. */
function errorsByField(error: unknown, t: (key: MessageKey) => string): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[issue.path] ??= issue.message;
  const field = error.details.field;
  if (typeof field === 'string') errors[field] ??= error.rule ? ruleText(t, error.rule) : error.message;
  return errors;
}

function ruleText(t: (key: MessageKey) => string, rule: string): string {
  const key = `prog.rule.${rule}` as MessageKey;
  const text = t(key);
  return text === key ? rule : text;
}

/** A 422 with its rule in words and its code, the field it is about; anything else as every page shows it. */
function Refusal({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!(error instanceof ApiError) || !error.rule)
    return <ErrorMessage error={error} fields={errorsByField(error, t)} />;
  const field = typeof error.details.field === 'string' ? error.details.field : null;
  return (
    <div className="alert alert-error" role="alert">
      <strong>{t('prog.refused', { rule: ruleText(t, error.rule) })}</strong>
      <div className="detail">
        <code>{error.rule}</code>
        {field && <> — {t('prog.refused.field', { field: fieldLabel(t, field.replace(/^policy\./, '')) })}</>}
        <br />
        {error.message}
      </div>
    </div>
  );
}

function PreviewAnswer({ answer }: { answer: VersionPreview }) {
  const { t, e } = useI18n();
  return (
    <section className="card preview" aria-label={t('prog.preview')}>
      <h3>
        {t('prog.preview.title', { label: answer.candidate.label, from: formatDate(answer.candidate.effectiveFrom) })}
      </h3>
      <p>
        {answer.follows
          ? t('prog.preview.follows', { label: answer.follows.label, from: formatDate(answer.follows.effectiveFrom) })
          : t('prog.preview.first')}
      </p>
      <Table
        rows={answer.changes}
        rowKey={(c) => c.field}
        empty={t('prog.preview.noChange')}
        caption={t('prog.preview.field')}
        columns={[
          { header: t('prog.preview.field'), cell: (c) => fieldLabel(t, c.field) },
          { header: t('prog.preview.from'), cell: (c) => shownValue(c.from) },
          { header: t('prog.preview.to'), cell: (c) => shownValue(c.to) },
        ]}
      />
      <p>{t('prog.preview.touches', { count: answer.touches.count })}</p>
      <Table
        rows={answer.touches.assignments}
        rowKey={(a) => a.id}
        columns={[
          { header: t('prog.preview.area'), cell: (a) => a.area.name },
          { header: t('prog.preview.official'), cell: (a) => a.official.fullName },
          { header: t('prog.preview.state'), cell: (a) => e('state', a.state) },
        ]}
      />
    </section>
  );
}
