/**
 * One form's sending, the same in every form: the values checked by the API's schema first (each problem beside its
 * field, nothing sent), then sent; a refusal puts the API's issues beside the fields and its reason above the form.
 */
import { useState } from 'react';
import { type FieldErrors, fieldErrorsFrom, type Validation } from './forms';
import { useI18n } from './i18n';

/** `toFields` maps schema paths to the form's field names (e.g. 'decision.number' → 'number'). */
export function useFormSubmit(toFields: (errors: FieldErrors) => FieldErrors = (errors) => errors) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  /** Whether the values were valid and the API accepted them. */
  const submit = async <Data>(checked: Validation<Data>, send: (data: Data) => Promise<unknown>): Promise<boolean> => {
    setError(null);
    if (!checked.ok) {
      setErrors(toFields(checked.errors));
      return false;
    }
    setErrors({});
    setBusy(true);
    try {
      await send(checked.data);
      return true;
    } catch (caught) {
      setErrors(toFields(fieldErrorsFrom(caught, t)));
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { errors, error, busy, submit };
}
