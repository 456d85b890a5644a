/**
 * Moving in: the administrator (or Board leadership) uploads the roster of assignments already in
 * force, an Excel workbook or a CSV file (domain/assignments/roster-csv.ts). All of it is imported or nothing: each bad line is listed with its
 * column, rule and reason; the same file again imports nothing new.
 */
import { ImportForm, PageTitle, Section } from '../components';
import { useI18n } from '../i18n';

interface ImportAnswer {
  file: string;
  imported: unknown[];
  alreadyImported: unknown[];
}

export function ImportPage() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle intro={t('imp.intro')}>{t('imp.title')}</PageTitle>
      <ImportForm<ImportAnswer>
        path="/assignments/import"
        className="card form"
        labels={{
          form: 'imp.title',
          file: 'imp.file',
          noFile: 'imp.noFile',
          submit: 'imp.submit',
          refused: 'imp.refused',
        }}
        done={(answer) =>
          t('imp.done', {
            imported: String(answer.imported.length),
            already: String(answer.alreadyImported.length),
            file: answer.file,
          })
        }
        refusedLines={(table) => <Section title={t('imp.refused')}>{table}</Section>}
      />
    </>
  );
}
