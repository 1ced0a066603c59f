import { afterEach, describe, expect, it } from 'vitest';
import type { QabylDatabase } from './database';
import { nextLocalNumber } from './localNumbers';
import { openTestDb } from './testDb.testkit';

let db: QabylDatabase;
afterEach(() => db?.close());

const take = (office: string, at: Date) => db.transaction('rw', db.meta, () => nextLocalNumber(db, office, at.getTime()));

describe('nextLocalNumber', () => {
  it('counts up within a day and restarts the next day', async () => {
    db = openTestDb();
    const morning = new Date(2025, 2, 14, 9, 0);
    const evening = new Date(2025, 2, 14, 23, 59);
    const nextDay = new Date(2025, 2, 15, 0, 1);

    expect(await take('ALM01', morning)).toBe('ALM01-20250314-0001');
    expect(await take('ALM01', morning)).toBe('ALM01-20250314-0002');
    expect(await take('ALM01', evening)).toBe('ALM01-20250314-0003');
    expect(await take('ALM01', nextDay)).toBe('ALM01-20250315-0001');
    expect(await take('ALM01', nextDay)).toBe('ALM01-20250315-0002');
  });

  it('keeps a separate sequence per office', async () => {
    db = openTestDb();
    const day = new Date(2025, 2, 14, 9, 0);
    await take('ALM01', day);

    expect(await take('AST02', day)).toBe('AST02-20250314-0001');
    expect(await take('ALM01', day)).toBe('ALM01-20250314-0002');
  });

  it('gives the number back when the caller’s transaction rolls back', async () => {
    db = openTestDb();
    const day = new Date(2025, 2, 14, 9, 0);
    await take('ALM01', day);

    await expect(
      db.transaction('rw', db.meta, async () => {
        await nextLocalNumber(db, 'ALM01', day.getTime());
        throw new Error('request write failed');
      }),
    ).rejects.toThrow('request write failed');

    expect(await take('ALM01', day)).toBe('ALM01-20250314-0002');
  });

  it('refuses to run outside a readwrite transaction over meta', async () => {
    db = openTestDb();
    const at = Date.UTC(2025, 2, 14);
    await expect(nextLocalNumber(db, 'ALM01', at)).rejects.toThrow(/transaction/);
    await expect(db.transaction('r', db.meta, () => nextLocalNumber(db, 'ALM01', at))).rejects.toThrow(/transaction/);
  });
});
