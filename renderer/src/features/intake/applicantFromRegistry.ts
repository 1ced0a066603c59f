/**
 * What the registry record puts into the form, and whether the form still says what the registry says. A name the
 * operator changes after the fill makes the applicant unverified again, so it is checked when the request is sent.
 */
import type { IndividualRecord, LegalEntityRecord } from '../../../../shared/gateway/gatewayProtocol';
import type { FormValues } from '../../../../shared/forms/formSchema';
import { compareIndividual, compareLegalEntity } from '../../../../shared/sync/applicantMatch';

export type ApplicantRecord = { kind: 'individual'; record: IndividualRecord } | { kind: 'legalEntity'; record: LegalEntityRecord };

export function registryFill(found: ApplicantRecord, values: FormValues): FormValues {
  if (found.kind === 'individual') {
    const { surname, givenName, patronymic = '', birthDate, address } = found.record;
    return { surname, givenName, patronymic, birthDate, ...(address && !values.address ? { address } : {}) };
  }
  const { name, address } = found.record;
  return { organisationName: name, ...(address && !values.legalAddress ? { legalAddress: address } : {}) };
}

export function matchesRegistry(found: ApplicantRecord, values: FormValues): boolean {
  if (found.kind === 'individual') {
    return values.iin === found.record.iin && compareIndividual({ kind: 'individual', iin: values.iin, surname: values.surname ?? '', givenName: values.givenName ?? '' }, found.record).match;
  }
  return values.bin === found.record.bin && compareLegalEntity({ kind: 'legalEntity', bin: values.bin, name: values.organisationName ?? '' }, found.record).match;
}
