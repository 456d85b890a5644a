/** Reserved opinions (Đ6.4): keep one on record about an assignment, a proposal, an evaluation or a report; list mine. */
import { type FormEvent, useState } from 'react';
import { api, type Page, post } from '../api';
import {
  Async,
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
import { useI18n } from '../i18n';
import { useLocation } from '../router';
import { OPINION_SUBJECT_TYPES, OpinionBodySchema } from '../schemas';
import type { Me } from '../../../contracts/directory';
import type { Opinion } from '../../../contracts/opinions';
import { useFormSubmit } from '../use-form-submit';

export function OpinionsPage() {
  const { t, e } = useI18n();
  const { query } = useLocation();
  const mine = useLoader(() => api<Page<Opinion>>('/opinions/mine?limit=100'), []);
  const me = useLoader(() => api<Me>('/me'), []);
  const [subjectType, setSubjectType] = useState<string>(query.get('subjectType') ?? 'Assignment');
  const [subjectId, setSubjectId] = useState(query.get('subjectId') ?? '');
  const [text, setText] = useState('');
  const { errors, error, busy, submit: send } = useFormSubmit();
  const [saved, setSaved] = useState(false);
  const typeLabel = (type: string) => e('opinionSubject', type);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (
      await send(validate(OpinionBodySchema, { subjectType, subjectId, text }, t), (body) => post('/opinions', body))
    ) {
      setSaved(true);
      setText('');
      mine.reload();
    }
  };

  const assignments = me.data?.assignments ?? [];
  return (
    <>
      <PageTitle intro={t('op.intro')}>{t('op.title')}</PageTitle>
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('op.title')}>
        {saved && <Notice>{t('op.saved')}</Notice>}
        {error ? <ErrorMessage error={error} fields={errors} /> : null}
        <div className="row">
          <Select
            label={t('op.subjectType')}
            value={subjectType}
            onChange={setSubjectType}
            error={errors.subjectType}
            required
            options={OPINION_SUBJECT_TYPES.map((type) => ({ value: type, label: typeLabel(type) }))}
          />
          <TextField
            label={t('op.subjectId')}
            value={subjectId}
            onChange={setSubjectId}
            error={errors.subjectId}
            required
            hint={assignments.length > 0 ? assignments.map((a) => `${a.area.name}: ${a.id}`).join(' · ') : undefined}
          />
        </div>
        <TextArea label={t('op.text')} value={text} onChange={setText} error={errors.text} required rows={5} />
        <button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('op.submit')}
        </button>
      </form>
      <Section title={t('op.mine')}>
        <Async loaded={mine}>
          {(page) => (
            <Table
              rows={page.items}
              rowKey={(o) => o.id}
              columns={[
                { header: t('detail.when'), cell: (o) => formatDateTime(o.createdAt) },
                { header: t('op.subjectType'), cell: (o) => `${typeLabel(o.subjectType)} · ${o.subjectId}` },
                { header: t('op.text'), cell: (o) => <span className="pre">{o.text}</span> },
              ]}
            />
          )}
        </Async>
      </Section>
    </>
  );
}
