/** The Board's people from a file (CSV or .xlsx): all lines or none, each bad line listed with its column and rule. */
import { ImportForm, Section } from '../../components';
import { useI18n } from '../../i18n';

interface ImportAnswer {
  file: string;
  created: unknown[];
  alreadyPresent: unknown[];
}

export function PeopleImportSection({ onImported }: { onImported(): void }) {
  const { t } = useI18n();
  return (
    <Section title={t('org.import')}>
      <p className="intro">{t('org.import.intro')}</p>
      <ImportForm<ImportAnswer>
        path="/officials/import"
        labels={{
          form: 'org.import',
          file: 'org.import.file',
          noFile: 'org.import.noFile',
          submit: 'org.import.submit',
          refused: 'org.import.refused',
        }}
        done={(answer) =>
          t('org.import.done', {
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
