import { problemTexts } from '../../../../shared/forms/formTexts';
import type { FieldProblem } from '../../../../shared/forms/evaluateForm';
import { iinProblem } from '../../../../shared/identity/iin';
import type { Language } from '../../../../shared/i18n/messages';

/** What is wrong with an operator's IIN, in `language`, or null when it is a valid one. */
export function iinProblemText(iin: string, language: Language): string | null {
  const issue = iinProblem(iin);
  if (!issue) return null;
  return problemTexts[issue === 'empty' ? 'required' : (`iin.${issue}` as FieldProblem)][language];
}
