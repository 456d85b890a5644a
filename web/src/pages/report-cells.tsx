/** The cells a report shows alike in every list of reports: its kind (with urgency and sensitivity) and its filing. */
import { Badge } from '../components';
import { formatDateTime, formatPeriod } from '../format';
import { useI18n } from '../i18n';
import { type ReportItem, statusKey, statusTone, urgencyKey } from '../reports';

export function ReportKind({ report: r }: { report: ReportItem }) {
  const { t } = useI18n();
  if (r.kind !== 'AD_HOC') return <>{`${t('rep.kind.MONTHLY')} ${formatPeriod(r.period)}`}</>;
  return (
    <>
      {t('rep.kind.AD_HOC')}{' '}
      <Badge tone={r.urgency === 'NORMAL' ? 'neutral' : 'bad'}>{t(urgencyKey(r.urgency!))}</Badge>
      {r.sensitive && <Badge tone="bad">{t('rep.sensitive')}</Badge>}
    </>
  );
}

export function ReportFiled({ report: r }: { report: ReportItem }) {
  const { t } = useI18n();
  return (
    <>
      {r.status && <Badge tone={statusTone(r.status)}>{t(statusKey(r.status))}</Badge>} {formatDateTime(r.filedAt)}
    </>
  );
}
