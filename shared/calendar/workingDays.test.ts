import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KZ_CALENDAR_YEARS, pendingFacts } from './kzHolidays';
import {
  CalendarRangeError,
  addWorkingDays,
  almatyDate,
  countWorkingDays,
  dueAt,
  formatAlmaty,
  isWorkingDay,
  nextWorkingDay,
  parseInstant,
  stepDueMoments,
} from './workingDays';

const at = (iso: string) => formatAlmaty(dueAt(iso, { amount: 0, unit: 'seconds' }));

describe('holiday table, written out by hand from the published calendars', () => {
  // Weekdays that are days off and weekend days that are worked; everything else follows Mon–Fri.
  const expected: Record<number, { off: string[]; worked: string[] }> = {
    2024: {
      off: ['01-01', '01-02', '03-08', '03-21', '03-22', '03-25', '05-01', '05-07', '05-08', '05-09', '07-08', '08-30', '10-25', '12-16'],
      worked: ['05-04'],
    },
    2025: {
      off: ['01-01', '01-02', '01-03', '01-07', '03-10', '03-21', '03-24', '03-25', '05-01', '05-07', '05-09', '06-06', '07-07', '09-01', '10-27', '12-16'],
      worked: ['01-05'],
    },
    2026: {
      // e-gov 2026 calendar minus 31 Aug (Constitution Day moved to 15 Mar by the 2026 Constitution).
      off: ['01-01', '01-02', '01-07', '03-09', '03-23', '03-24', '03-25', '05-01', '05-07', '05-11', '05-27', '07-06', '10-26', '12-16'],
      worked: [],
    },
    2027: {
      off: ['01-01', '01-04', '01-07', '03-08', '03-15', '03-22', '03-23', '03-24', '05-03', '05-07', '05-10', '07-06', '10-25', '12-16'],
      worked: [],
    },
  };
  for (const [year, { off, worked }] of Object.entries(expected)) {
    it(`${year}: every day of the year matches`, () => {
      const mismatches: string[] = [];
      for (let t = Date.UTC(Number(year), 0, 1); t < Date.UTC(Number(year) + 1, 0, 1); t += 86_400_000) {
        const date = new Date(t).toISOString().slice(0, 10);
        const dow = new Date(t).getUTCDay();
        const md = date.slice(5);
        const want = worked.includes(md) || (dow !== 0 && dow !== 6 && !off.includes(md));
        if (isWorkingDay(date) !== want) mismatches.push(date);
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('records a status and sources for every per-year fact', () => {
    expect(KZ_CALENDAR_YEARS.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027]);
    for (const y of KZ_CALENDAR_YEARS) {
      if (y.kurbanAit.status === 'confirmed') expect(y.kurbanAit.sources.length).toBeGreaterThan(0);
      if (y.transfers.status === 'confirmed') expect(y.transfers.sources.length).toBeGreaterThan(0);
    }
    const pending = pendingFacts().map((p) => `${p.year}:${p.fact}:${p.status}`);
    expect(pending).toEqual([
      '2026:kurbanAit:expected',
      '2026:constitutionDay:reported',
      '2027:kurbanAit:expected',
      '2027:constitutionDay:expected',
      '2027:transfers:notConfirmed',
    ]);
  });
});

describe('specific days', () => {
  it('year boundary: 31 Dec to the first working day of January', () => {
    // 2024-12-31 Tue: 1–2 Jan holidays, 3 Jan off by transfer, 4 Jan Sat, 5 Jan Sun worked instead of 3 Jan.
    expect(nextWorkingDay('2024-12-31')).toBe('2025-01-05');
    // 2025-12-31 Wed: 1–2 Jan (Thu, Fri) holidays, 3–4 weekend.
    expect(nextWorkingDay('2025-12-31')).toBe('2026-01-05');
    // 2026-12-31 Thu: 1 Jan Fri, 2 Jan Sat moves to Mon 4 Jan.
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-05');
  });

  it('Nauryz 21–23 March and its moved days off', () => {
    for (const d of ['2025-03-21', '2025-03-24', '2025-03-25']) expect(isWorkingDay(d)).toBe(false);
    expect(isWorkingDay('2025-03-26')).toBe(true);
    // 2024: 23 Mar is a Saturday, moved to Mon 25 Mar.
    expect(isWorkingDay('2024-03-25')).toBe(false);
    expect(isWorkingDay('2024-03-26')).toBe(true);
    // 2026: 21–22 Mar weekend; 23 Mar is itself Nauryz, so the moved days are 24 and 25 Mar.
    expect(['2026-03-23', '2026-03-24', '2026-03-25'].map(isWorkingDay)).toEqual([false, false, false]);
    expect(isWorkingDay('2026-03-26')).toBe(true);
    // 2027: 21 Mar Sunday; 22–23 are Nauryz, so the moved day is Wed 24 Mar.
    expect(isWorkingDay('2027-03-24')).toBe(false);
    expect(isWorkingDay('2027-03-25')).toBe(true);
  });

  it('moves other state holidays that fall on a weekend', () => {
    expect(isWorkingDay('2025-03-10')).toBe(false); // 8 Mar Sat
    expect(isWorkingDay('2024-07-08')).toBe(false); // 6 Jul Sat
    expect(isWorkingDay('2025-07-07')).toBe(false); // 6 Jul Sun
    expect(isWorkingDay('2025-09-01')).toBe(false); // 30 Aug Sat
    expect(isWorkingDay('2026-05-11')).toBe(false); // 9 May Sat
    expect(isWorkingDay('2027-05-03')).toBe(false); // 1 May Sat
  });

  it('does not move Orthodox Christmas or Kurban Ait', () => {
    expect(isWorkingDay('2024-01-07')).toBe(false);
    expect(isWorkingDay('2024-01-08')).toBe(true); // 7 Jan 2024 was a Sunday
    expect(isWorkingDay('2024-06-17')).toBe(true); // Kurban Ait 16 Jun 2024 Sunday
    expect(isWorkingDay('2027-05-17')).toBe(true); // expected Kurban Ait 16 May 2027 Sunday
    expect(isWorkingDay('2025-06-06')).toBe(false); // Kurban Ait on a Friday
  });

  it('Republic Day 25 Oct; Independence Day 16 Dec but not 17 Dec', () => {
    expect(isWorkingDay('2024-10-25')).toBe(false);
    expect(isWorkingDay('2025-10-27')).toBe(false); // 25 Oct 2025 Sat
    expect(isWorkingDay('2026-10-26')).toBe(false); // 25 Oct 2026 Sun
    expect(isWorkingDay('2024-12-16')).toBe(false);
    expect(isWorkingDay('2024-12-17')).toBe(true);
    expect(isWorkingDay('2025-12-17')).toBe(true);
  });

  it('Constitution Day: 30 Aug up to 2025, no day off in 2026, 15 Mar from 2027', () => {
    expect(isWorkingDay('2024-08-30')).toBe(false);
    expect(isWorkingDay('2026-08-31')).toBe(true);
    expect(isWorkingDay('2027-08-30')).toBe(true);
    expect(isWorkingDay('2027-03-15')).toBe(false);
  });

  it('application on a Friday, Saturday, Sunday or worked Saturday', () => {
    expect(addWorkingDays('2025-02-14', 1)).toBe('2025-02-17'); // Fri → Mon
    expect(addWorkingDays('2025-02-15', 1)).toBe('2025-02-17'); // Sat → Mon
    expect(addWorkingDays('2025-02-16', 1)).toBe('2025-02-17'); // Sun → Mon
    expect(addWorkingDays('2025-02-17', 1)).toBe('2025-02-18'); // Mon → Tue
    expect(addWorkingDays('2024-05-04', 1)).toBe('2024-05-06'); // worked Sat, itself not counted
    expect(addWorkingDays('2025-02-15', 0)).toBe('2025-02-15');
  });

  it('statutory caps from fixed dates (hand-checked)', () => {
    // 15 from Fri 2025-03-14: 17,18,19,20 Mar (1–4); 21 Nauryz, 22–23 weekend, 24–25 moved;
    // 26,27,28,31 Mar (5–8); 1,2,3,4 Apr (9–12); 7,8,9 Apr (13–15).
    expect(addWorkingDays('2025-03-14', 15)).toBe('2025-04-09');
    // 10 from Sat 2024-12-28: 30,31 Dec (1–2); 1–4 Jan off; Sun 5 Jan worked (3); 6 Jan (4); 7 Jan off;
    // 8,9,10 Jan (5–7); 13,14,15 Jan (8–10).
    expect(addWorkingDays('2024-12-28', 10)).toBe('2025-01-15');
    // 8 from Tue 2024-04-30: 1 May off; 2,3 May (1–2); Sat 4 May worked (3); 6 May (4); 7–9 May off; 10,13,14,15 May (5–8).
    expect(addWorkingDays('2024-04-30', 8)).toBe('2024-05-15');
    // 13 from Wed 2026-03-18: 19,20 Mar (1–2); 21–25 off; 26,27,30,31 Mar (3–6); 1,2,3 Apr (7–9); 6,7,8,9 Apr (10–13).
    expect(addWorkingDays('2026-03-18', 13)).toBe('2026-04-09');
    // 3 from Fri 2024-06-14: Kurban Ait on Sun 16 Jun is not moved, so 17,18,19 Jun.
    expect(addWorkingDays('2024-06-14', 3)).toBe('2024-06-19');
    // 3 from Thu 2026-08-27: 28 Aug (1), Mon 31 Aug worked in 2026 (2), 1 Sep (3).
    expect(addWorkingDays('2026-08-27', 3)).toBe('2026-09-01');
  });

  it('countWorkingDays counts (from, to] and is antisymmetric', () => {
    expect(countWorkingDays('2025-03-14', '2025-04-09')).toBe(15);
    expect(countWorkingDays('2025-03-20', '2025-03-25')).toBe(0);
    expect(countWorkingDays('2025-03-20', '2025-03-20')).toBe(0);
    expect(countWorkingDays('2025-04-09', '2025-03-14')).toBe(-15);
  });

  it('rejects years without data, bad dates and bad counts', () => {
    expect(() => isWorkingDay('2023-12-29')).toThrow(CalendarRangeError);
    expect(() => isWorkingDay('2028-01-04')).toThrow(/no holiday data for 2028 \(covered: 2024–2027\)/);
    expect(() => addWorkingDays('2027-12-30', 5)).toThrow(CalendarRangeError);
    expect(() => countWorkingDays('2027-12-01', '2028-01-10')).toThrow(CalendarRangeError);
    expect(() => isWorkingDay('2025-02-30')).toThrow(TypeError);
    expect(() => isWorkingDay('2025-2-3')).toThrow(TypeError);
    expect(() => addWorkingDays('2025-02-03', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-02-03', 1.5)).toThrow(RangeError);
  });
});

describe('instants and dueAt', () => {
  it('parses offsets, Z, local text and epoch ms', () => {
    expect(parseInstant('2025-03-20T10:00:00+05:00')).toBe(Date.UTC(2025, 2, 20, 5));
    expect(parseInstant('2025-03-20T10:00')).toBe(Date.UTC(2025, 2, 20, 5));
    expect(parseInstant('2025-03-20T05:00:00.5Z')).toBe(Date.UTC(2025, 2, 20, 5, 0, 0, 500));
    expect(parseInstant(1_700_000_000_000)).toBe(1_700_000_000_000);
    // Almaty was UTC+6 until 1 Mar 2024.
    expect(parseInstant('2024-02-01T10:00')).toBe(Date.UTC(2024, 1, 1, 4));
    expect(() => parseInstant('2025-03-20 10:00')).toThrow(TypeError);
    expect(() => parseInstant('2025-03-20T24:00')).toThrow(TypeError);
  });

  it('adds elapsed time for seconds, minutes and hours (no calendar needed)', () => {
    expect(formatAlmaty(dueAt('2025-03-20T17:00:00+05:00', { amount: 2, unit: 'hours' }))).toBe('2025-03-20T19:00:00.000+05:00');
    expect(dueAt(Date.UTC(2025, 0, 1), { amount: 15, unit: 'minutes' })).toBe(Date.UTC(2025, 0, 1, 0, 15));
    expect(dueAt(0, { amount: 90, unit: 'seconds' })).toBe(90_000);
    expect(at('2028-06-01T10:00')).toBe('2028-06-01T10:00:00.000+05:00');
  });

  it('calendar days: end of the N-th day after the local day of application', () => {
    expect(formatAlmaty(dueAt('2025-03-20T10:00', { amount: 5, unit: 'calendarDays' }))).toBe('2025-03-25T23:59:59.999+05:00');
    // 20:00Z is 01:00 on 21 Mar in Almaty: the local day decides.
    expect(formatAlmaty(dueAt('2025-03-20T20:00:00Z', { amount: 1, unit: 'calendarDays' }))).toBe('2025-03-22T23:59:59.999+05:00');
  });

  it('working days: end of the N-th working day in Almaty', () => {
    expect(formatAlmaty(dueAt('2025-03-14T18:45+05:00', { amount: 15, unit: 'workingDays' }))).toBe('2025-04-09T23:59:59.999+05:00');
    // 19:30Z on 31 Dec 2024 is already 1 Jan 2025 locally.
    expect(almatyDate('2024-12-31T19:30:00Z')).toBe('2025-01-01');
    expect(formatAlmaty(dueAt('2024-12-31T19:30:00Z', { amount: 1, unit: 'workingDays' }))).toBe('2025-01-05T23:59:59.999+05:00');
    // Across the 1 Mar 2024 switch from +06 to +05.
    const due = dueAt('2024-02-28T12:00:00Z', { amount: 1, unit: 'workingDays' });
    expect(formatAlmaty(due)).toBe('2024-02-29T23:59:59.999+05:00');
    expect(due).toBe(Date.UTC(2024, 1, 29, 18, 59, 59, 999));
    expect(formatAlmaty(dueAt('2024-02-05T09:00', { amount: 1, unit: 'workingDays' }))).toBe('2024-02-06T23:59:59.999+06:00');
  });

  it('rejects bad durations and uncovered years', () => {
    expect(() => dueAt('2025-03-20T10:00', { amount: -1, unit: 'hours' })).toThrow(RangeError);
    expect(() => dueAt('2025-03-20T10:00', { amount: 1.5, unit: 'calendarDays' })).toThrow(RangeError);
    expect(() => dueAt('2025-03-20T10:00', { amount: Number.NaN, unit: 'workingDays' })).toThrow(RangeError);
    expect(() => dueAt('2028-01-03T10:00+05:00', { amount: 1, unit: 'workingDays' })).toThrow(CalendarRangeError);
  });

  it('stepDueMoments chains steps; an untimed step adds nothing', () => {
    const steps = stepDueMoments('2025-03-14T10:00+05:00', [
      { id: 'intake', duration: { amount: 15, unit: 'minutes' } },
      { id: 'review', duration: { amount: 3, unit: 'workingDays' } },
      { id: 'citizen', duration: null },
      { id: 'issue', duration: { amount: 2, unit: 'hours' } },
    ]);
    expect(steps.map((s) => [s.id, s.dueAt === null ? null : formatAlmaty(s.dueAt)])).toEqual([
      ['intake', '2025-03-14T10:15:00.000+05:00'],
      ['review', '2025-03-19T23:59:59.999+05:00'], // 17, 18, 19 Mar
      ['citizen', null],
      ['issue', '2025-03-20T01:59:59.999+05:00'],
    ]);
    expect(steps[3]!.startsAt).toBe(steps[1]!.dueAt);
    expect(stepDueMoments(0, [])).toEqual([]);
  });
});

describe('properties', () => {
  const first = Date.UTC(2024, 0, 1) / 86_400_000;
  const last = Date.UTC(2027, 8, 30) / 86_400_000; // leaves room for 60 working days inside 2027
  const date = fc.integer({ min: first, max: last }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
  const count = fc.integer({ min: 0, max: 60 });

  it('addWorkingDays(d, n) is a working day for n ≥ 1', () => {
    fc.assert(fc.property(date, fc.integer({ min: 1, max: 60 }), (d, n) => isWorkingDay(addWorkingDays(d, n))));
  });

  it('countWorkingDays(d, addWorkingDays(d, n)) === n', () => {
    fc.assert(fc.property(date, count, (d, n) => countWorkingDays(d, addWorkingDays(d, n)) === n));
  });

  it('is strictly monotonic in n and steps by nextWorkingDay', () => {
    fc.assert(
      fc.property(date, count, count, (d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const x = addWorkingDays(d, lo);
        const y = addWorkingDays(d, hi);
        return lo === hi ? x === y : x < y && addWorkingDays(d, lo + 1) === nextWorkingDay(x);
      }),
    );
  });

  it('dueAt in working days ends the day addWorkingDays names', () => {
    const instant = fc.integer({ min: Date.UTC(2024, 2, 1), max: Date.UTC(2027, 8, 30) });
    fc.assert(
      fc.property(instant, count, (ms, n) => {
        const s = formatAlmaty(dueAt(ms, { amount: n, unit: 'workingDays' }));
        return s === `${addWorkingDays(almatyDate(ms), n)}T23:59:59.999+05:00`;
      }),
    );
  });
});
