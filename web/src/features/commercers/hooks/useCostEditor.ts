import { useState } from 'react';
import { describeApiError, inputErrorMessages } from '../../../lib/api-error';
import type { Lang } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { validateCost, type CostErrors } from '../host-cost';

/** The API's own words for input it refused (it names the argument); otherwise what failed. */
function saveFailure(error: unknown, lang: Lang): string {
  const messages = inputErrorMessages(error);
  if (messages.length > 0) return messages.join('; ');
  const problem = describeApiError(error, lang);
  return `${problem.title} ${problem.hint}`;
}

/**
 * What the session-cost and commercer-fee editors share: the typed fields' problems, the API's refusal,
 * and "saved". `submit` checks the input before anything is sent and says "saved" only once `save`
 * (the mutation and the refetch) has gone through.
 */
export function useCostEditor() {
  const { t, lang } = useI18n();
  const [errors, setErrors] = useState<CostErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const failed = (error: unknown): void => setProblem(t('costSaveFailed', { reason: saveFailure(error, lang) }));

  /** True when the input passed the checks and `save` succeeded. */
  const submit = async (
    input: { amount: string; currency: string; month?: string },
    save: () => Promise<void>,
  ): Promise<boolean> => {
    setSaved(false);
    const invalid = validateCost(input);
    setErrors(invalid);
    setProblem(null);
    if (Object.keys(invalid).length > 0) return false;
    try {
      await save();
      setSaved(true);
      return true;
    } catch (error) {
      failed(error);
      return false;
    }
  };

  return { errors, problem, saved, setSaved, failed, submit };
}

export type CostEditor = ReturnType<typeof useCostEditor>;
