/**
 * What the request list can look a request up by, now that the applicant's IIN and name are sealed: keyed hashes
 * (fieldCrypto `blindKey`) of the whole IIN and of the prefixes a search types, kept in plain index columns.
 * A hash of a prefix tells only that two rows share it, never what it is; the shortest prefixes are left out,
 * since their few values would be guessed from how often each occurs.
 */
import type { FieldCipher } from './fieldCrypto';

/** From four digits: the two-digit birth year alone would group rows into few classes. */
export const IIN_PREFIX_MIN = 4;
export const NAME_PREFIX_MIN = 2;
/** Longer name queries look up this much and check the rest on the matching rows, opened. */
export const NAME_PREFIX_MAX = 16;

export const blindPurpose = { iin: 'iin', iinPrefix: 'iin-prefix', namePrefix: 'name-prefix' } as const;

/**
 * Case-folds Kazakh and Russian names for prefix search: lower case (Ә→ә, І→і, Ұ→ұ …), ё read as е as Russian
 * spelling allows, one space between words, composed form so a decomposed й or ё from a paste still matches.
 */
export function foldName(text: string): string {
  return text.normalize('NFC').toLowerCase().replaceAll('ё', 'е').trim().replace(/\s+/g, ' ');
}

export interface ApplicantName {
  surname: string;
  givenName: string;
  patronymic: string;
}

/** The whole name folded, surname first, so a surname prefix finds it. */
export function nameKeyOf(applicant: ApplicantName): string {
  return foldName(`${applicant.surname} ${applicant.givenName} ${applicant.patronymic}`);
}

/** The plain index columns of a request, derived from its plaintext before it is sealed. */
export interface RequestIndexColumns {
  iinKey: string;
  searchKeys: string[];
}

export const iinKeyOf = (iin: string, cipher: FieldCipher) => cipher.blindKey(blindPurpose.iin, iin);

export function requestIndexColumns(request: { applicantIin: string; applicant: ApplicantName }, cipher: FieldCipher): RequestIndexColumns {
  const searchKeys: string[] = [];
  const name = nameKeyOf(request.applicant);
  for (let length = NAME_PREFIX_MIN; length <= Math.min(name.length, NAME_PREFIX_MAX); length += 1) {
    searchKeys.push(cipher.blindKey(blindPurpose.namePrefix, name.slice(0, length)));
  }
  if (/^\d+$/.test(request.applicantIin)) {
    for (let length = IIN_PREFIX_MIN; length < request.applicantIin.length; length += 1) {
      searchKeys.push(cipher.blindKey(blindPurpose.iinPrefix, request.applicantIin.slice(0, length)));
    }
  }
  return { iinKey: iinKeyOf(request.applicantIin, cipher), searchKeys };
}
