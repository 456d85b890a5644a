/**
 * Two more imports from a file (CSV or .xlsx), all lines or none, each bad line listed with its column and rule: which
 * Board leader is in charge of which areas and departments (leadership's division of work, also entered by the
 * administrator when the Board's records are set up), and the area committees' accounts (the administrator's), whose
 * one-time passwords are shown here once.
 */
import type { AreaCommitteeImportResult } from '../../../../contracts/accounts';
import { ImportForm, Section, Table } from '../../components';
import { useI18n } from '../../i18n';

interface ImportAnswer {
  file: string;
  created: unknown[];
  alreadyPresent: unknown[];
}

export function LeadersInChargeImportSection({ onImported }: { onImported(): void }) {
  const { t } = useI18n();
  return (
    <Section title={t('org.inChargeImport')}>
      <p className="intro">{t('org.inChargeImport.intro')}</p>
      <ImportForm<ImportAnswer>
        path="/organisation/leaders-in-charge/import"
        labels={{
          form: 'org.inChargeImport',
          file: 'org.inChargeImport.file',
          noFile: 'org.import.noFile',
          submit: 'org.inChargeImport.submit',
          refused: 'org.import.refused',
        }}
        done={(answer) =>
          t('org.inChargeImport.done', {
            created: String(answer.created.length),
            already: String(answer.alreadyPresent.length),
            file: answer.file,
          })
        }
        onImported={onImported}
      />
    </Section>
  );
}

export function CommitteeAccountsImportSection({ onImported }: { onImported(): void }) {
  const { t } = useI18n();
  return (
    <Section title={t('org.committeeImport')}>
      <p className="intro">{t('org.committeeImport.intro')}</p>
      <ImportForm<AreaCommitteeImportResult>
        path="/admin/accounts/area-committees/import"
        labels={{
          form: 'org.committeeImport',
          file: 'org.committeeImport.file',
          noFile: 'org.import.noFile',
          submit: 'org.committeeImport.submit',
          refused: 'org.import.refused',
        }}
        done={(answer) => (
          <>
            {t('org.committeeImport.done', {
              created: String(answer.created.length),
              already: String(answer.alreadyPresent.length),
              file: answer.file,
            })}
            {answer.accounts.length > 0 && (
              <div className="one-time-password">
                <Table
                  rows={answer.accounts}
                  rowKey={(a) => a.id}
                  columns={[
                    { header: t('org.committeeImport.area'), cell: (a) => a.area },
                    { header: t('org.account.username'), cell: (a) => a.username },
                    { header: t('org.committeeImport.password'), cell: (a) => <code>{a.oneTimePassword}</code> },
                  ]}
                />
                {t('org.account.once')}
              </div>
            )}
          </>
        )}
        onImported={onImported}
      />
    </Section>
  );
}
