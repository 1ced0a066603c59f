import { useEffect, useEffectEvent, useState } from 'react';
import { APPLICANT_LEGAL_ENTITY } from '../../../../shared/forms/catalogForms';
import type { FormValues } from '../../../../shared/forms/formSchema';
import { isValidBin, isValidIin } from '../../../../shared/identity/iin';
import { useAppServices } from '../../app/appContext';
import { recordApplicantVerified } from '../requests/requestDrafts';
import { matchesRegistry, registryFill, type ApplicantRecord } from './applicantFromRegistry';
import { useRegistryLookup, type Lookup } from './useRegistryLookup';

export interface ApplicantRegistry {
  /** The field the answer belongs under: iin or bin. */
  fieldId: 'iin' | 'bin';
  lookup: Lookup<ApplicantRecord>;
  verified: boolean;
}

/**
 * Online, a valid IIN/BIN brings the applicant from the state registry into the form (ГБД ФЛ / ГБД ЮЛ through the
 * gateway) and the request counts as verified while the names still match; offline the operator types them.
 * `keepTyped`: the number as it stands is not filled from the registry on its own (a correction shows both and the
 * operator chooses); a number typed afterwards is.
 */
export function useApplicantRegistry(requestId: string, values: FormValues, fill: (values: FormValues) => void, keepTyped = false): ApplicantRegistry {
  const { host, db } = useAppServices();
  const legal = values.applicantType === APPLICANT_LEGAL_ENTITY;
  const fieldId = legal ? 'bin' : 'iin';
  const typed = values[fieldId] ?? '';
  const key = (legal ? isValidBin(typed) : isValidIin(typed)) ? `${fieldId}:${typed}` : null;
  const lookup = useRegistryLookup<ApplicantRecord>(key, async (asked) => {
    const number = asked.slice(4);
    if (asked.startsWith('bin:')) {
      const answer = await host.call('registry.legalEntity', { bin: number });
      return answer.kind === 'found' ? { kind: 'found', record: { kind: 'legalEntity', record: answer.record } } : answer;
    }
    const answer = await host.call('registry.individual', { iin: number });
    return answer.kind === 'found' ? { kind: 'found', record: { kind: 'individual', record: answer.record } } : answer;
  });
  const [filledFor, setFilledFor] = useState(() => (keepTyped && key ? key : ''));

  // Each answer fills the form once, over the answers as they stand when it arrives.
  const fillFrom = useEffectEvent((answer: Lookup<ApplicantRecord>) => {
    if (answer.state !== 'found' || filledFor === answer.key) return;
    setFilledFor(answer.key);
    fill(registryFill(answer.record, values));
  });
  useEffect(() => fillFrom(lookup), [lookup]);

  const verified = lookup.state === 'found' && lookup.key === key && matchesRegistry(lookup.record, values);
  useEffect(() => {
    void recordApplicantVerified(db, requestId, verified);
  }, [db, requestId, verified]);
  return { fieldId, lookup, verified };
}
