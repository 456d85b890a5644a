/**
 * The leadership dashboard's field time: each official's days in the field this month beside the policy's share
 * of working days (seed 002: a third), and the groups' sessions this quarter with the quarters flagged without one
 * (Đ7.B.2).
 */
import { qs } from '../api';
import { Async, Badge, Section, Table, useApi } from '../components';
import { formatDate } from '../format';
import { useI18n } from '../i18n';

interface FieldTime {
  month: string;
  workingDays: number;
  targetDays: number;
  officials: {
    officialId: string;
    name: string;
    fieldDays: number;
    tripDays: number;
    meetingDays: number;
    belowTarget: boolean;
  }[];
}
interface GroupSessions {
  quarter: string;
  minimumPerQuarter: number;
  groups: {
    groupId: string;
    name: string;
    sessionsThisQuarter: number;
    lastSessionOn: string | null;
    flaggedQuarters: string[];
  }[];
}

/** With a programme, the field time and groups of its assignments only (the dashboard's picker). */
export function MeetingDashboard({ programmeId = null }: { programmeId?: string | null }) {
  const { t } = useI18n();
  const field = useApi<FieldTime>(`/dashboard/field-time${qs({ programmeId })}`);
  const sessions = useApi<GroupSessions>(`/dashboard/group-sessions${qs({ programmeId })}`);
  return (
    <>
      <Section title={t('fd.title')}>
        <Async loaded={field}>
          {(f) => (
            <>
              <p>{t('fd.target', { month: f.month, days: f.targetDays, working: f.workingDays })}</p>
              <Table
                rows={f.officials}
                rowKey={(o) => o.officialId}
                columns={[
                  { header: t('fd.official'), cell: (o) => o.name },
                  {
                    header: t('fd.days'),
                    cell: (o) => (
                      <Badge tone={o.belowTarget ? 'warn' : 'ok'}>{`${o.fieldDays} / ${f.targetDays}`}</Badge>
                    ),
                  },
                  { header: t('fd.trips'), cell: (o) => o.tripDays },
                  { header: t('fd.meetings'), cell: (o) => o.meetingDays },
                ]}
              />
            </>
          )}
        </Async>
      </Section>
      <Section title={t('gs.dashboard')}>
        <Async loaded={sessions}>
          {(s) => (
            <Table
              rows={s.groups}
              rowKey={(g) => g.groupId}
              columns={[
                { header: t('gs.group'), cell: (g) => g.name },
                {
                  header: `${s.quarter}`,
                  cell: (g) => (
                    <Badge tone={g.sessionsThisQuarter >= s.minimumPerQuarter ? 'ok' : 'warn'}>
                      {`${g.sessionsThisQuarter} / ${s.minimumPerQuarter}`}
                    </Badge>
                  ),
                },
                { header: t('gs.last'), cell: (g) => (g.lastSessionOn ? formatDate(g.lastSessionOn) : '—') },
                {
                  header: t('gs.flagged'),
                  cell: (g) =>
                    g.flaggedQuarters.length
                      ? g.flaggedQuarters.map((q) => (
                          <Badge key={q} tone="bad">
                            {q}
                          </Badge>
                        ))
                      : '—',
                },
              ]}
            />
          )}
        </Async>
      </Section>
    </>
  );
}
