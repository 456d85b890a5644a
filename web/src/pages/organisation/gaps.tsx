/** What the organisation still lacks today (GET /organisation/gaps): areas without a leader in charge, groups without
 * a leader, assignments of officials who have left. */
import type { Gaps } from '../../../../contracts/organisation';
import { Notice, Section } from '../../components';
import { useI18n } from '../../i18n';

export function GapsSection({ gaps }: { gaps: Gaps }) {
  const { t } = useI18n();
  const { areasWithoutLeaderInCharge: areas, groupsWithoutLeader: groups, assignmentsOfOfficialsWhoLeft: left } = gaps;
  const none = areas.count + groups.count + left.count === 0;
  return (
    <Section title={t('org.gaps')}>
      {none ? (
        <Notice kind="info">{t('org.gaps.none')}</Notice>
      ) : (
        <ul className="gaps">
          {areas.count > 0 && (
            <li>
              <strong>{t('org.gaps.areas', { count: areas.count })}</strong>:{' '}
              {areas.items.map((a) => a.name).join(', ')}
            </li>
          )}
          {groups.count > 0 && (
            <li>
              <strong>{t('org.gaps.groups', { count: groups.count })}</strong>:{' '}
              {groups.items.map((g) => g.name).join(', ')}
            </li>
          )}
          {left.count > 0 && (
            <li>
              <strong>{t('org.gaps.left', { count: left.count })}</strong>:{' '}
              {left.items.map((a) => `${a.official.fullName} (${a.area.name})`).join(', ')}
            </li>
          )}
        </ul>
      )}
    </Section>
  );
}
