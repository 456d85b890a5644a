/** A page's frame: its title, its sections, badges and tables. */
import { type ReactNode, useId } from 'react';
import { useI18n } from '../i18n';

export function PageTitle({ children, intro }: { children: ReactNode; intro?: ReactNode }) {
  return (
    <header className="page-title">
      <h1>{children}</h1>
      {intro && <p className="intro">{intro}</p>}
    </header>
  );
}

export function Section({
  title,
  children,
  id,
  actions,
}: {
  title: ReactNode;
  children: ReactNode;
  id?: string;
  actions?: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} id={id}>
      <div className="card-head">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function Badge({
  children,
  tone = 'neutral',
}: {
  children: ReactNode;
  tone?: 'neutral' | 'ok' | 'warn' | 'bad' | 'info';
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export interface Column<Row> {
  header: string;
  cell(row: Row): ReactNode;
  className?: string;
}

export function Table<Row>({
  rows,
  columns,
  caption,
  empty,
  rowKey,
}: {
  rows: Row[];
  columns: Column<Row>[];
  caption?: string;
  empty?: string;
  rowKey(row: Row, index: number): string;
}) {
  const { t } = useI18n();
  if (rows.length === 0) return <p className="empty">{empty ?? t('common.noData')}</p>;
  return (
    <div className="table-wrap">
      <table>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {columns.map((c) => (
                <td key={c.header} className={c.className}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
