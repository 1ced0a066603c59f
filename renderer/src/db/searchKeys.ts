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
 * What a Russian keyboard (or a Russian-language document) types for each Kazakh letter, and ё read as е as Russian
 * spelling allows; a Latin i stands in for і on many keyboards. Both spellings of a name fold to the same key.
 */
const RUSSIAN_KEYBOARD_SPELLING: Readonly<Record<string, string>> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и', i: 'и', ё: 'е' };
const FOLDED_LETTERS = new RegExp(`[${Object.keys(RUSSIAN_KEYBOARD_SPELLING).join('')}]`, 'g');

/**
 * Folds Kazakh and Russian names for prefix search, in the index and in the query alike: lower case, Kazakh letters
 * as a Russian keyboard spells them ("Жумабаев" finds "Жұмабаев"), one space between words, composed form so a
 * decomposed й or ё from a paste still matches. Letter for letter, so a prefix of the name folds to a prefix of its key.
 * Changing it changes every stored key: the database re-indexes its rows in a new version (database.ts).
 */
export function foldName(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(FOLDED_LETTERS, (letter) => RUSSIAN_KEYBOARD_SPELLING[letter]!)
    .trim()
    .replace(/\s+/g, ' ');
}

export interface ApplicantName {
  surname: string;
  givenName: string;
  patronymic: string;
}

/** The whole name folded, surname first, so a surname prefix finds it. */
export function nameKeyOf(applicant: ApplicantName, fold: (text: string) => string = foldName): string {
  return fold(`${applicant.surname} ${applicant.givenName} ${applicant.patronymic}`);
}

/** The plain index columns of a request, derived from its plaintext before it is sealed. */
export interface RequestIndexColumns {
  iinKey: string;
  searchKeys: string[];
}

export const iinKeyOf = (iin: string, cipher: FieldCipher) => cipher.blindKey(blindPurpose.iin, iin);

/** `fold` is foldName but for tests that write rows as an older version folded them (nameIndex.ts re-keys those). */
export function requestIndexColumns(request: { applicantIin: string; applicant: ApplicantName }, cipher: FieldCipher, fold: (text: string) => string = foldName): RequestIndexColumns {
  const searchKeys: string[] = [];
  const name = nameKeyOf(request.applicant, fold);
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
