/**
 * The request list's queries over every local request (tens of thousands on a busy window). A query resolves to
 * the primary keys of its whole match set, newest first, read from one index without touching the rows; only the
 * rows on screen are then read, by key.
 */
import { Dexie } from 'dexie';
import { parseInstant } from '../../../shared/calendar/workingDays';
import type { QabylDatabase, RequestRow, RequestStatus } from './database';
import { blindPurpose, foldName, iinKeyOf, IIN_PREFIX_MIN, keyedIinPrefixLength, NAME_PREFIX_MAX, NAME_PREFIX_MIN, nameKeyOf } from './searchKeys';

const IIN_LENGTH = 12;

export type RequestQuery =
  | { kind: 'all' }
  /** IIN or BIN: all twelve digits match exactly, fewer are a prefix. */
  | { kind: 'iin'; digits: string; exact: boolean }
  /** Surname (or organisation name), then given name and patronymic, folded by `foldName`. */
  | { kind: 'name'; prefix: string }
  /** `KZ-EL-2026-000001`, assigned by the gateway. */
  | { kind: 'registrationNumber'; prefix: string }
  /** `${officeCode}-${yyyymmdd}-${NNNN}` (localNumbers.ts): anything else with a digit in it. */
  | { kind: 'localNumber'; prefix: string };

export function classifyQuery(text: string): RequestQuery {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (!trimmed) return { kind: 'all' };
  // Digits as read out in groups ("900101 300012") are still one IIN.
  if (/^[\d ]+$/.test(trimmed)) {
    const digits = trimmed.replaceAll(' ', '');
    return { kind: 'iin', digits, exact: digits.length >= IIN_LENGTH };
  }
  const upper = trimmed.toUpperCase();
  if (/^KZ(-|$)/.test(upper)) return { kind: 'registrationNumber', prefix: upper };
  // Names never carry digits; office codes in local numbers always do (ALM-07-…), hyphenated surnames only letters.
  if (/\d/.test(trimmed)) return { kind: 'localNumber', prefix: upper };
  return { kind: 'name', prefix: foldName(trimmed) };
}

/** Too few digits or letters for a blind prefix key (searchKeys.ts): the list asks for more instead of finding nothing. */
export function isTooShort(query: RequestQuery): boolean {
  if (query.kind === 'iin') return !query.exact && query.digits.length < IIN_PREFIX_MIN;
  return query.kind === 'name' && query.prefix.length < NAME_PREFIX_MIN;
}

export interface RequestFilters {
  status?: RequestStatus;
  serviceId?: string;
  /** Asia/Almaty days (YYYY-MM-DD), both inclusive, on createdAt. */
  fromDay?: string;
  toDay?: string;
}

/** Taken on the day: createdAt at or after the day's Almaty midnight, before the next one. */
interface CreatedRange {
  lower: string;
  upper: string;
}

function createdRange(filters: RequestFilters): CreatedRange | undefined {
  if (!filters.fromDay && !filters.toDay) return undefined;
  return {
    lower: filters.fromDay ? almatyMidnightIso(filters.fromDay) : '',
    upper: filters.toDay ? almatyMidnightIso(nextDay(filters.toDay)) : '\uffff',
  };
}

const almatyMidnightIso = (day: string) => new Date(parseInstant(`${day}T00:00`)).toISOString();
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Below this many key matches the remaining filters are checked on the rows themselves (one bulkGet); above it,
 * each filter's own index gives its key set and the match set is intersected with it. Reading a few hundred rows
 * is cheaper than listing every key of a broad status; reading 100,000 rows is not.
 */
const ROW_CHECK_LIMIT = 2_000;

/**
 * Every request's id, newest first: one native key read of the createdAt index, which the plain list shows as is.
 * A prefix match spans many keys, each in createdAt order only within itself; it is put in order by keeping this
 * list's ids that are in the match set (a set look-up per request) instead of a cursor step per match to read
 * createdAt from a compound index key, which costs far more in IndexedDB.
 */
export async function readNewestFirst(db: QabylDatabase): Promise<string[]> {
  return db.requests.orderBy('createdAt').reverse().primaryKeys();
}

/** Primary keys of every request matching the query and the filters, newest first; `newest` is readNewestFirst's answer, read once for many searches. */
export async function searchRequestIds(db: QabylDatabase, query: RequestQuery, filters: RequestFilters = {}, newest?: string[]): Promise<string[]> {
  const range = createdRange(filters);
  const order = async () => newest ?? (await readNewestFirst(db));
  switch (query.kind) {
    case 'all':
      // No key: createdAt drives, with the date range as its bounds, and already gives the order.
      if (!range) return narrow(db, await order(), filters);
      return narrow(db, await db.requests.where('createdAt').between(range.lower, range.upper, true, false).reverse().primaryKeys(), withoutDates(filters));
    case 'iin':
      if (query.exact) return narrow(db, await exactNewestFirst(db, query.digits, range), withoutDates(filters));
      if (isTooShort(query)) return [];
      return prefixMatches(db, { purpose: blindPurpose.iinPrefix, keyed: query.digits.slice(0, keyedIinPrefixLength(query.digits)), whole: query.digits, of: (row) => row.applicantIin }, filters, order);
    case 'name':
      if (isTooShort(query)) return [];
      return prefixMatches(db, { purpose: blindPurpose.namePrefix, keyed: query.prefix.slice(0, NAME_PREFIX_MAX), whole: query.prefix, of: (row) => nameKeyOf(row.applicant) }, filters, order);
    // Numbers are issued in time order (a day and a daily sequence; the gateway's running sequence), so their own
    // index order, reversed, is newest first without reading createdAt; a number is also never shared by many rows.
    case 'localNumber':
    case 'registrationNumber':
      return narrow(db, await db.requests.where(query.kind).startsWith(query.prefix).reverse().primaryKeys(), filters);
  }
}

const withoutDates = (filters: RequestFilters): RequestFilters => ({ ...filters, fromDay: undefined, toDay: undefined });

/** One applicant's requests come in createdAt order from the compound index itself: no sorting, no rows. */
async function exactNewestFirst(db: QabylDatabase, iin: string, range: CreatedRange | undefined): Promise<string[]> {
  const iinKey = iinKeyOf(iin, db.cipher);
  return db.requests
    .where('[iinKey+createdAt]')
    .between([iinKey, range?.lower ?? Dexie.minKey], [iinKey, range?.upper ?? Dexie.maxKey], true, false)
    .reverse()
    .primaryKeys();
}

function searchKeyMatches(db: QabylDatabase, purpose: string, text: string): Promise<string[]> {
  return db.requests.where('searchKeys').equals(db.cipher.blindKey(purpose, text)).primaryKeys();
}

/** A prefix query: the longest keyed prefix of `whole`, and the row's text that `whole` must begin. */
interface PrefixLookup {
  purpose: string;
  keyed: string;
  whole: string;
  of(row: RequestRow): string;
}

/**
 * When the query is a keyed length the index answers alone; otherwise the keyed prefix's matches are opened, once,
 * and checked for the rest of the query and for the filters together (narrowing after would open the same rows again).
 */
async function prefixMatches(db: QabylDatabase, lookup: PrefixLookup, filters: RequestFilters, order: () => Promise<string[]>): Promise<string[]> {
  const ids = await searchKeyMatches(db, lookup.purpose, lookup.keyed);
  if (lookup.keyed === lookup.whole) return narrow(db, sortedNewestFirst(ids, await order()), filters);
  const range = createdRange(filters);
  const checked = (await loadRequests(db, ids)).filter((row) => lookup.of(row).startsWith(lookup.whole) && passesFilters(row, filters, range)).map((row) => row.id);
  return sortedNewestFirst(checked, await order());
}

/** Ids written after `newest` was read are not in it; they are the newest of all, and come first. */
function sortedNewestFirst(ids: string[], newest: string[]): string[] {
  const matches = new Set(ids);
  const ordered = newest.filter((id) => matches.has(id));
  if (ordered.length === ids.length) return ordered;
  const known = new Set(ordered);
  return [...ids.filter((id) => !known.has(id)), ...ordered];
}

/** Keeps the ids, in their order, that also pass the filters the driving index did not apply. */
async function narrow(db: QabylDatabase, ids: string[], filters: RequestFilters): Promise<string[]> {
  const range = createdRange(filters);
  if (!filters.status && !filters.serviceId && !range) return ids;
  if (ids.length <= ROW_CHECK_LIMIT) {
    const rows = await db.requests.bulkGet(ids);
    return ids.filter((_, i) => {
      const row = rows[i];
      return row !== undefined && passesFilters(row, filters, range);
    });
  }
  const keyLists: Promise<string[]>[] = [];
  if (filters.status) keyLists.push(db.requests.where('status').equals(filters.status).primaryKeys());
  if (filters.serviceId) keyLists.push(db.requests.where('serviceId').equals(filters.serviceId).primaryKeys());
  if (range) keyLists.push(db.requests.where('createdAt').between(range.lower, range.upper, true, false).primaryKeys());
  const allowed = (await Promise.all(keyLists)).map((keys) => new Set(keys));
  return ids.filter((id) => allowed.every((set) => set.has(id)));
}

function passesFilters(row: RequestRow, filters: RequestFilters, range: CreatedRange | undefined): boolean {
  return (!filters.status || row.status === filters.status) && (!filters.serviceId || row.serviceId === filters.serviceId) && (!range || (row.createdAt >= range.lower && row.createdAt < range.upper));
}

/** The rows of one window of a match set, in its order; a row deleted meanwhile is left out. */
export async function loadRequests(db: QabylDatabase, ids: readonly string[]): Promise<RequestRow[]> {
  return (await db.requests.bulkGet([...ids])).filter((row): row is RequestRow => row !== undefined);
}

/** Requests accepted at this window on an Almaty day (YYYY-MM-DD): neither a draft still, nor refused at intake. */
export async function countAcceptedOnDay(db: QabylDatabase, day: string): Promise<number> {
  return db.requests
    .where('createdAt')
    .between(almatyMidnightIso(day), almatyMidnightIso(nextDay(day)), true, false)
    .filter((row) => row.status !== 'draft' && row.status !== 'not_accepted')
    .count();
}
