import { type ReactNode, useEffect } from 'react';
import { NotificationBell } from './components/notification-bell';
import { useI18n, type Lang, type MessageKey } from './i18n';
import { AccountsPage } from './pages/AccountsPage';
import { AgencyMonitoringPage } from './pages/AgencyMonitoringPage';
import { CommuneFilingsPage } from './pages/CommuneFilingsPage';
import { AssignmentPage } from './pages/AssignmentPage';
import { AuditPage } from './pages/AuditPage';
import { ChartPage } from './pages/ChartPage';
import { CommitteePage } from './pages/CommitteePage';
import { CommuneDecisionsPage } from './pages/CommuneDecisionsPage';
import { CommuneCommentsPage } from './pages/CommuneCommentsPage';
import { DashboardPage } from './pages/DashboardPage';
import { EvaluationPage } from './pages/EvaluationPage';
import { EvaluationsPage } from './pages/EvaluationsPage';
import { GroupSessionsPage } from './pages/GroupSessionsPage';
import { ImportPage } from './pages/ImportPage';
import { InboxPage } from './pages/InboxPage';
import { LoginPage } from './pages/LoginPage';
import { MeetingsPage } from './pages/MeetingsPage';
import { MyAreasPage } from './pages/MyAreasPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { OrganisationPage } from './pages/OrganisationPage';
import { PasswordPage } from './pages/PasswordPage';
import { ProgrammesPage } from './pages/ProgrammesPage';
import { OpinionsPage } from './pages/OpinionsPage';
import { MyReportsPage } from './pages/MyReportsPage';
import { ReportPage } from './pages/ReportPage';
import { ReportsPage } from './pages/ReportsPage';
import { Link, match, navigate, useLocation } from './router';
import {
  AGENCY_MONITORING_READERS,
  DASHBOARD_READERS,
  FILING_READERS,
  OUTSIDE_THE_BOARD,
  STAFF,
} from '../../machines/roles';
import { COMMUNE_PROPOSAL_READERS } from '../../machines/commune-decisions';
import { COMMENT_READERS } from '../../machines/commune-comment';
import { FILERS, homeOf, LEADERSHIP, useSession } from './session';

interface Route {
  path: string;
  nav?: MessageKey;
  roles: readonly string[];
  render(params: Record<string, string>): ReactNode;
}

const ROUTES: Route[] = [
  { path: '/inbox', nav: 'nav.inbox', roles: LEADERSHIP, render: () => <InboxPage /> },
  { path: '/dashboard', nav: 'nav.dashboard', roles: DASHBOARD_READERS, render: () => <DashboardPage /> },
  { path: '/chart', nav: 'nav.chart', roles: DASHBOARD_READERS, render: () => <ChartPage /> },
  { path: '/my', nav: 'nav.my', roles: FILERS, render: () => <MyAreasPage /> },
  // The province's reports (leadership, the auditor), one report (its readers), the official's own.
  { path: '/reports', nav: 'nav.reports', roles: [...LEADERSHIP, 'AUDITOR'], render: () => <ReportsPage /> },
  { path: '/reports/:id', roles: FILING_READERS, render: (p) => <ReportPage key={p.id} id={p.id!} /> },
  { path: '/my/reports', nav: 'nav.myReports', roles: FILERS, render: () => <MyReportsPage /> },
  { path: '/opinions', nav: 'nav.opinions', roles: FILERS, render: () => <OpinionsPage /> },
  {
    path: '/meetings',
    nav: 'nav.meetings',
    roles: [...FILERS, 'AREA_COMMITTEE'],
    render: () => <MeetingsPage />,
  },
  { path: '/group-sessions', nav: 'nav.groupSessions', roles: ['GROUP_LEADER'], render: () => <GroupSessionsPage /> },
  { path: '/evaluation', nav: 'nav.evaluation', roles: ['AREA_COMMITTEE'], render: () => <CommitteePage /> },
  {
    path: '/evaluations',
    nav: 'nav.evaluations',
    roles: [...LEADERSHIP, ...FILERS],
    render: () => <EvaluationsPage />,
  },
  {
    path: '/evaluations/:id/:year',
    roles: [...LEADERSHIP, ...FILERS, 'AUDITOR'],
    render: (p) => <EvaluationPage key={`${p.id}/${p.year}`} id={p.id!} year={p.year!} />,
  },
  { path: '/audit', nav: 'nav.audit', roles: ['AUDITOR'], render: () => <AuditPage /> },
  // Moving in: the administrator's page, and Board leadership's.
  {
    path: '/import',
    nav: 'nav.import',
    roles: ['ADMINISTRATOR', ...LEADERSHIP],
    render: () => <ImportPage />,
  },
  {
    path: '/organisation',
    nav: 'nav.organisation',
    roles: ['ADMINISTRATOR', ...LEADERSHIP],
    render: () => <OrganisationPage />,
  },
  {
    path: '/programmes',
    nav: 'nav.programmes',
    roles: ['ADMINISTRATOR', ...LEADERSHIP],
    render: () => <ProgrammesPage />,
  },
  {
    path: '/agencies',
    nav: 'nav.agencies',
    roles: [...AGENCY_MONITORING_READERS, 'ADMINISTRATOR'],
    render: () => <AgencyMonitoringPage />,
  },
  // A leader of a provincial agency files the programme and reports of the communes they monitor.
  {
    path: '/commune-filings',
    nav: 'nav.communeFilings',
    roles: ['AGENCY_LEADER'],
    render: () => <CommuneFilingsPage />,
  },
  // The Standing Committee's decisions on who monitors a commune: its members decide, the Board's staff follows.
  {
    path: '/commune-decisions',
    nav: 'nav.communeDecisions',
    roles: COMMUNE_PROPOSAL_READERS,
    render: () => <CommuneDecisionsPage />,
  },
  // The commune committees' year-end comment forms on the leaders who monitor them.
  {
    path: '/commune-comments',
    nav: 'nav.communeComments',
    roles: COMMENT_READERS,
    render: () => <CommuneCommentsPage />,
  },
  { path: '/accounts', nav: 'nav.accounts', roles: ['ADMINISTRATOR'], render: () => <AccountsPage /> },
  { path: '/password', roles: [...STAFF, ...OUTSIDE_THE_BOARD], render: () => <PasswordPage /> },
  { path: '/assignments/:id', roles: STAFF, render: (p) => <AssignmentPage id={p.id!} /> },
  { path: '/home', roles: [...STAFF, ...OUTSIDE_THE_BOARD], render: () => <Welcome /> },
  { path: '/notifications', roles: [...STAFF, ...OUTSIDE_THE_BOARD], render: () => <NotificationsPage /> },
];

/** For a role without pages of its own (the administrator): who is logged in, and the API's documentation. */
function Welcome() {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <>
      <h1>{t('home.welcome', { name: user?.displayName ?? '' })}</h1>
      <p>
        {t('home.noPages')} <a href="/docs">{t('home.docs')}</a>
      </p>
    </>
  );
}

export function App() {
  const { user } = useSession();
  const { path } = useLocation();

  useEffect(() => {
    if (!user && path !== '/login') navigate(`/login`, { replace: true });
    else if (user && (path === '/' || path === '/login')) navigate(homeOf(user), { replace: true });
  }, [user, path]);

  if (!user)
    return path === '/login' ? (
      <Shell>
        <LoginPage />
      </Shell>
    ) : null;

  // A one-time password in force: the API answers nothing else until the user chooses their own.
  if (user.mustChangePassword)
    return (
      <Shell>
        <PasswordPage firstLogin />
      </Shell>
    );

  const allowed = ROUTES.filter((r) => r.roles.some((role) => user.roles.includes(role)));
  for (const route of allowed) {
    const params = match(route.path, path);
    if (params) return <Shell routes={allowed}>{route.render(params)}</Shell>;
  }
  return (
    <Shell routes={allowed}>
      <NotFound />
    </Shell>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <div className="alert alert-error" role="alert">
      {t('err.NOT_FOUND')}
    </div>
  );
}

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switch">
      <label htmlFor="lang-select">{t('lang.label')}</label>
      <select id="lang-select" value={lang} onChange={(event) => setLang(event.target.value as Lang)}>
        <option value="vi">{t('lang.vi')}</option>
        <option value="en">{t('lang.en')}</option>
      </select>
    </div>
  );
}

function Shell({ children, routes = [] }: { children: ReactNode; routes?: Route[] }) {
  const { t, e } = useI18n();
  const { user, logout } = useSession();
  const { path } = useLocation();
  useEffect(() => {
    const current = routes.find((r) => match(r.path, path));
    document.title = `${current?.nav ? `${t(current.nav)} — ` : ''}${t('app.title')}`;
  }, [routes, path, t]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <div className="brand">
          <span className="brand-title">{t('app.title')}</span>
          <span className="brand-sub">{t('app.subtitle')}</span>
        </div>
        <LanguageSwitch />
        {user && <NotificationBell />}
        {user && (
          <div className="who">
            <span title={t('nav.signedInAs')}>
              {user.displayName} · {user.roles.map((r) => e('role', r)).join(', ')}
            </span>
            <Link to="/password">{t('nav.password')}</Link>
            <button type="button" className="secondary" onClick={() => void logout()}>
              {t('nav.logout')}
            </button>
          </div>
        )}
      </header>
      {user && routes.some((r) => r.nav) && (
        <nav className="main-nav" aria-label={t('nav.main')}>
          <ul>
            {routes
              .filter((r) => r.nav)
              .map((r) => (
                <li key={r.path}>
                  <Link to={r.path} aria-current={path === r.path ? 'page' : undefined}>
                    {t(r.nav!)}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
