import { problemTexts } from '../../../../shared/forms/formTexts';
import type { FieldProblem } from '../../../../shared/forms/evaluateForm';
import { iinProblem } from '../../../../shared/identity/iin';
import type { Language } from '../../../../shared/i18n/messages';
import { operatorIinAccepted, type TrustProfileId } from '../../../../shared/pki/trustProfiles';

/**
 * What is wrong with an operator's IIN, in `language`, or null when an account may carry it: a valid IIN, or under
 * the NCA test trust profile one of NCA's test IINs (the host applies the same rule).
 */
export function iinProblemText(iin: string, language: Language, trustProfile: TrustProfileId | null): string | null {
  if (operatorIinAccepted(iin, trustProfile)) return null;
  const issue = iinProblem(iin);
  if (!issue) return null;
  return problemTexts[issue === 'empty' ? 'required' : (`iin.${issue}` as FieldProblem)][language];
}
