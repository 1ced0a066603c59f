/**
 * Whether what the operator typed offline is what the state registry holds. Case, spacing and the
 * е/ё spelling are not differences; anything else is, and the operator decides (research: a silent
 * "correction" of a legal record is worse than a stop).
 */
import type { IndividualRecord, LegalEntityRecord, PowerOfAttorney } from '../gateway/gatewayProtocol';
import type { ApplicantToVerify, PowerOfAttorneyToVerify } from './outbox';

const normalised = (text: string) => text.normalize('NFC').toLocaleLowerCase('kk').replace(/ё/g, 'е').replace(/["«»“”]/g, '').replace(/\s+/g, ' ').trim();

export type ApplicantVerdict = { match: true } | { match: false; registry: string; typed: string };

export function compareIndividual(typed: Extract<ApplicantToVerify, { kind: 'individual' }>, record: IndividualRecord): ApplicantVerdict {
  const same = normalised(typed.surname) === normalised(record.surname) && normalised(typed.givenName) === normalised(record.givenName);
  return same ? { match: true } : { match: false, registry: `${record.surname} ${record.givenName}`, typed: `${typed.surname} ${typed.givenName}` };
}

export function compareLegalEntity(typed: Extract<ApplicantToVerify, { kind: 'legalEntity' }>, record: LegalEntityRecord): ApplicantVerdict {
  if (!record.active) return { match: false, registry: `${record.name} (inactive)`, typed: typed.name };
  return normalised(typed.name) === normalised(record.name) ? { match: true } : { match: false, registry: record.name, typed: typed.name };
}

/** The power must exist in ЕНИС, name this applicant and this representative, and be in force on the day. */
export function comparePowerOfAttorney(typed: PowerOfAttorneyToVerify, record: PowerOfAttorney): ApplicantVerdict {
  const typedText = `№ ${typed.number}: ${typed.principal} → ${typed.agentIin}`;
  if (record.principal !== typed.principal || record.agentIin !== typed.agentIin) return { match: false, registry: `№ ${record.number}: ${record.principal} → ${record.agentIin}`, typed: typedText };
  if (record.revoked) return { match: false, registry: `№ ${record.number} (revoked)`, typed: typedText };
  if (record.validUntil < typed.onDay) return { match: false, registry: `№ ${record.number} (valid until ${record.validUntil})`, typed: typedText };
  return { match: true };
}
