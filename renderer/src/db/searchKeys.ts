/**
 * What the request list can look a request up by, now that the applicant's IIN and name are sealed: keyed hashes
 * (fieldCrypto `blindKey`) of the whole IIN and of the prefixes a search types, kept in plain index columns.
 * A hash of a prefix tells only that two rows share it, never what it is; the shortest prefixes are left out,
 * since their few values would be guessed from how often each occurs.
 *
 * Every key is an index entry and a string in the stored row, read back with it: a row carries 15 of them (was 23),
 * name prefixes of 3 to 12 letters and IIN prefixes at five lengths. A query between the keyed lengths looks up the
 * longest keyed prefix it starts with and checks the rest on the matching rows, opened (requestSearch.ts).
 */
import type { FieldCipher } from './fieldCrypto';

/**
 * Which prefixes get a key, and how names are folded before: the layout in force, and older ones only to write rows
 * as earlier versions did in tests (nameIndex.ts re-keys stored rows when the layout changes).
 */
export interface SearchKeyLayout {
  fold: (text: string) => string;
  /** Every name prefix from `min` to `max` letters. */
  name: { min: number; max: number };
  /** Ascending; each a length of IIN prefix keyed. */
  iinPrefixLengths: readonly number[];
}

/**
 * IIN prefixes at the birth year and month, one digit more, the birth date, and two lengths into the serial: an IIN
 * is typed from its start and whole more often than not, and a query between two lengths narrows a birth date's few
 * rows by opening them (five digits are keyed, as four alone match a birth month's hundred or so at 100,000 requests).
 * From four digits: the two-digit birth year alone would group rows into few classes.
 */
export const IIN_PREFIX_LENGTHS = [4, 5, 6, 8, 10] as const;
export const IIN_PREFIX_MIN = IIN_PREFIX_LENGTHS[0];
/** From three letters: a two-letter prefix matches a tenth of all rows and helps nobody find one. */
export const NAME_PREFIX_MIN = 3;
/** Longer name queries look up this much and check the rest on the matching rows, opened. */
export const NAME_PREFIX_MAX = 12;

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

export const SEARCH_KEY_LAYOUT: SearchKeyLayout = { fold: foldName, name: { min: NAME_PREFIX_MIN, max: NAME_PREFIX_MAX }, iinPrefixLengths: IIN_PREFIX_LENGTHS };

/** The longest keyed IIN prefix `digits` starts with (undefined below the shortest). */
export const keyedIinPrefixLength = (digits: string): number | undefined => IIN_PREFIX_LENGTHS.findLast((length) => length <= digits.length);

/** `layout` is the one in force but for tests that write rows as an older version keyed them (nameIndex.ts re-keys those). */
export function requestIndexColumns(request: { applicantIin: string; applicant: ApplicantName }, cipher: FieldCipher, layout: SearchKeyLayout = SEARCH_KEY_LAYOUT): RequestIndexColumns {
  const searchKeys: string[] = [];
  const name = nameKeyOf(request.applicant, layout.fold);
  for (let length = layout.name.min; length <= Math.min(name.length, layout.name.max); length += 1) {
    searchKeys.push(cipher.blindKey(blindPurpose.namePrefix, name.slice(0, length)));
  }
  if (/^\d+$/.test(request.applicantIin)) {
    for (const length of layout.iinPrefixLengths) {
      if (length < request.applicantIin.length) searchKeys.push(cipher.blindKey(blindPurpose.iinPrefix, request.applicantIin.slice(0, length)));
    }
  }
  return { iinKey: iinKeyOf(request.applicantIin, cipher), searchKeys };
}
