// Working-day calendar and deadline arithmetic for Kazakhstan licensing services.
// Civil dates are 'YYYY-MM-DD' strings; internally a day number (days since 1970-01-01, UTC arithmetic).
// Instants are epoch milliseconds; local time is Asia/Almaty.

import { FIRST_YEAR, FIXED_HOLIDAYS, KZ_CALENDAR_YEARS, LAST_YEAR } from './kzHolidays';
import type { CivilDate } from './kzHolidays';

export type { CivilDate } from './kzHolidays';

const DAY_MS = 86_400_000;

/** Thrown for dates whose holidays the calendar does not know: guessing "weekdays only" would give wrong deadlines. */
export class CalendarRangeError extends RangeError {
  constructor(readonly year: number) {
    super(`Working-day calendar has no holiday data for ${year} (covered: ${FIRST_YEAR}–${LAST_YEAR}).`);
    this.name = 'CalendarRangeError';
  }
}

// ---------- civil dates ----------

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDayNumber(date: CivilDate): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new TypeError(`Not a civil date 'YYYY-MM-DD': ${date}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March; reject instead of silently shifting.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new TypeError(`Not a valid calendar date: ${date}`);
  }
  return ms / DAY_MS;
}

function fromDayNumber(n: number): CivilDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function yearOf(n: number): number {
  return new Date(n * DAY_MS).getUTCFullYear();
}

function isWeekend(n: number): boolean {
  const dow = new Date(n * DAY_MS).getUTCDay();
  return dow === 0 || dow === 6;
}

// ---------- calendar tables (built once from the data) ----------

interface Tables {
  daysOff: Set<number>;
  workingWeekends: Set<number>;
}

function buildTables(): Tables {
  const daysOff = new Set<number>();
  const workingWeekends = new Set<number>();
  for (const yd of KZ_CALENDAR_YEARS) {
    const holidays: { day: number; religious: boolean }[] = FIXED_HOLIDAYS.map((h) => ({
      day: toDayNumber(`${yd.year}-${h.monthDay}`),
      religious: h.religious,
    }));
    holidays.push({ day: toDayNumber(yd.kurbanAit.date), religious: true });
    if (yd.constitutionDay.date) holidays.push({ day: toDayNumber(yd.constitutionDay.date), religious: false });
    holidays.sort((a, b) => a.day - b.day);
    for (const h of holidays) daysOff.add(h.day);
    // LC art. 85: a state holiday on a weekend moves the day off to the next working day; religious ones do not move.
    for (const h of holidays) {
      if (h.religious || !isWeekend(h.day)) continue;
      let d = h.day + 1;
      while (isWeekend(d) || daysOff.has(d)) d++;
      if (yearOf(d) !== yd.year) throw new Error(`Moved day off for ${fromDayNumber(h.day)} leaves the year`);
      daysOff.add(d);
    }
    for (const t of yd.transfers.items) {
      const w = toDayNumber(t.workingDay);
      const off = toDayNumber(t.dayOff);
      // Guard the data: a transfer swaps a plain weekend day for a plain weekday.
      if (!isWeekend(w) || daysOff.has(w)) throw new Error(`Transfer working day ${t.workingDay} is not a plain weekend day`);
      if (isWeekend(off) || daysOff.has(off)) throw new Error(`Transfer day off ${t.dayOff} is not a plain weekday`);
      workingWeekends.add(w);
      daysOff.add(off);
    }
  }
  return { daysOff, workingWeekends };
}

const TABLES = buildTables();

function checkCovered(n: number): void {
  const y = yearOf(n);
  if (y < FIRST_YEAR || y > LAST_YEAR) throw new CalendarRangeError(y);
}

function isWorkingDayNum(n: number): boolean {
  checkCovered(n);
  if (TABLES.workingWeekends.has(n)) return true;
  return !isWeekend(n) && !TABLES.daysOff.has(n);
}

// ---------- public civil-date API ----------

/** True for a working day under a five-day week (weekends, holidays, moved days off and transfers applied). */
export function isWorkingDay(date: CivilDate): boolean {
  return isWorkingDayNum(toDayNumber(date));
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: CivilDate): CivilDate {
  let n = toDayNumber(date) + 1;
  while (!isWorkingDayNum(n)) n++;
  return fromDayNumber(n);
}

function addWorkingDaysNum(from: number, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working-day count must be a non-negative integer: ${n}`);
  let d = from;
  checkCovered(d);
  for (let left = n; left > 0; ) {
    d++;
    if (isWorkingDayNum(d)) left--;
  }
  return d;
}

/**
 * The n-th working day after `from`. The day of application is not counted, so a non-working `from`
 * simply means counting starts at the next working day. n = 0 returns `from` itself.
 */
export function addWorkingDays(from: CivilDate, n: number): CivilDate {
  return fromDayNumber(addWorkingDaysNum(toDayNumber(from), n));
}

/** Working days in (fromExclusive, toInclusive]; negative when `to` is before `from` (days remaining become negative). */
export function countWorkingDays(fromExclusive: CivilDate, toInclusive: CivilDate): number {
  const a = toDayNumber(fromExclusive);
  const b = toDayNumber(toInclusive);
  if (b < a) return -countWorkingDays(toInclusive, fromExclusive);
  checkCovered(a);
  let count = 0;
  for (let d = a + 1; d <= b; d++) if (isWorkingDayNum(d)) count++;
  return count;
}

// ---------- Asia/Almaty time ----------

// Kazakhstan moved to a single UTC+5 zone at 2024-03-01 00:00 +06 (= 2024-02-29T18:00Z); Almaty was UTC+6 before.
const ALMATY_SWITCH_UTC = Date.UTC(2024, 1, 29, 18);
const ALMATY_SWITCH_WALL = Date.UTC(2024, 1, 29, 23); // first wall-clock moment shown in +05
const HOUR_MS = 3_600_000;

function almatyOffsetMs(utcMs: number): number {
  return (utcMs < ALMATY_SWITCH_UTC ? 6 : 5) * HOUR_MS;
}

/** Wall-clock ms (local fields read as if UTC) → instant. The repeated hour of 29 Feb 2024 resolves to the later (+05) instant. */
function wallToUtc(wallMs: number): number {
  return wallMs - (wallMs >= ALMATY_SWITCH_WALL ? 5 : 6) * HOUR_MS;
}

function localDayNumber(utcMs: number): number {
  return Math.floor((utcMs + almatyOffsetMs(utcMs)) / DAY_MS);
}

/** End of a local day: 23:59:59.999 Asia/Almaty. */
function endOfLocalDay(day: number): number {
  return wallToUtc((day + 1) * DAY_MS - 1);
}

const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/** An instant: epoch ms, or ISO 8601 text; text without an offset is Asia/Almaty wall-clock time. */
export type Instant = string | number;

export function parseInstant(value: Instant): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Not a finite epoch ms: ${value}`);
    return value;
  }
  const m = INSTANT_RE.exec(value);
  if (!m) throw new TypeError(`Not an ISO instant: ${value}`);
  const day = toDayNumber(`${m[1]}-${m[2]}-${m[3]}`);
  const hh = Number(m[4]);
  const mi = Number(m[5]);
  const ss = Number(m[6] ?? 0);
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  if (hh > 23 || mi > 59 || ss > 59) throw new TypeError(`Time out of range: ${value}`);
  const wall = day * DAY_MS + ((hh * 60 + mi) * 60 + ss) * 1000 + ms;
  const zone = m[8];
  if (zone === undefined) return wallToUtc(wall);
  if (zone === 'Z') return wall;
  const sign = zone.startsWith('-') ? -1 : 1;
  const offMin = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
  return wall - sign * offMin * 60_000;
}

/** ISO text in Asia/Almaty local time with its offset, e.g. '2025-01-03T23:59:59.999+05:00'. */
export function formatAlmaty(utcMs: number): string {
  const off = almatyOffsetMs(utcMs);
  const local = new Date(utcMs + off).toISOString().slice(0, 23);
  return `${local}+0${off / HOUR_MS}:00`;
}

/** The civil date of an instant in Asia/Almaty. */
export function almatyDate(at: Instant): CivilDate {
  return fromDayNumber(localDayNumber(parseInstant(at)));
}

// ---------- deadlines ----------

export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'workingHours' | 'calendarDays' | 'workingDays';
export interface Duration {
  amount: number;
  unit: DurationUnit;
}

const UNIT_MS = { seconds: 1000, minutes: 60_000, hours: HOUR_MS } as const;

/**
 * The office day working hours fall in, local wall-clock hours. The regulations defer the provider's schedule to
 * para 8 of their Standards, which the seeds do not include; a state body's usual 09:00–18:00 with the 13:00–14:00
 * break (8 hours, Labour Code art. 68) stands in.
 */
export const OFFICE_HOURS: readonly (readonly [number, number])[] = [
  [9, 13],
  [14, 18],
];

/** The moment `hours` of working time have passed after `start`: only the office hours of working days count. */
function addWorkingHoursMs(start: number, hours: number): number {
  let left = Math.round(hours * HOUR_MS);
  for (let day = localDayNumber(start); ; day++) {
    if (!isWorkingDayNum(day)) continue;
    for (const [from, to] of OFFICE_HOURS) {
      const opens = Math.max(wallToUtc(day * DAY_MS + from * HOUR_MS), start);
      const closes = wallToUtc(day * DAY_MS + to * HOUR_MS);
      if (opens >= closes) continue;
      if (closes - opens >= left) return opens + left;
      left -= closes - opens;
    }
  }
}

function dueAtMs(start: number, duration: Duration): number {
  const { amount, unit } = duration;
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`Duration amount must be finite and ≥ 0: ${amount}`);
  switch (unit) {
    case 'seconds':
    case 'minutes':
    case 'hours':
      return start + Math.round(amount * UNIT_MS[unit]);
    case 'workingHours':
      return addWorkingHoursMs(start, amount);
    case 'calendarDays':
      // No holiday data needed: N days after the local day of application, to the end of that day.
      if (!Number.isInteger(amount)) throw new RangeError(`Calendar days must be an integer: ${amount}`);
      return endOfLocalDay(localDayNumber(start) + amount);
    case 'workingDays':
      return endOfLocalDay(addWorkingDaysNum(localDayNumber(start), amount));
    default: {
      const never: never = unit;
      throw new TypeError(`Unknown duration unit: ${String(never)}`);
    }
  }
}

/**
 * Due instant (epoch ms) of a duration counted from `submittedAt`.
 * - seconds/minutes/hours: elapsed time.
 * - workingHours: office hours of working days (OFFICE_HOURS), so 6 hours from Friday 17:55 end on Monday.
 * - calendarDays: end of the N-th day after the local day of application.
 * - workingDays: end of the N-th working day after the local day of application.
 * "End of day" is 23:59:59.999 Asia/Almaty, not office closing time: centre hours differ and a
 * deadline "within N days" lasts the whole day, so this never flags a request overdue too early.
 */
export function dueAt(submittedAt: Instant, duration: Duration): number {
  return dueAtMs(parseInstant(submittedAt), duration);
}

export interface Step {
  id: string;
  /** null: the step has no deadline of its own and adds no time to the chain. */
  duration: Duration | null;
}

export interface StepDue {
  id: string;
  startsAt: number;
  /** Cumulative due instant (epoch ms), or null for an untimed step. */
  dueAt: number | null;
}

/** Steps run in sequence: each starts at the previous timed step's due moment. */
export function stepDueMoments(submittedAt: Instant, steps: readonly Step[]): StepDue[] {
  let cursor = parseInstant(submittedAt);
  return steps.map((step) => {
    const startsAt = cursor;
    if (step.duration === null) return { id: step.id, startsAt, dueAt: null };
    cursor = dueAtMs(startsAt, step.duration);
    return { id: step.id, startsAt, dueAt: cursor };
  });
}
