/**
 * Local request numbers printed on the receipt before the gateway assigns a registration number:
 * `${officeCode}-${yyyymmdd}-${NNNN}`, the sequence restarting every day.
 */
import { Dexie } from 'dexie';
import type { QabylDatabase } from './database';

interface DailyCounter {
  day: string;
  seq: number;
}

/**
 * Takes the next number. Must run inside the caller's rw transaction over `meta` (together with the write
 * of the request that carries the number), so two windows can't take the same number and a rolled-back
 * request doesn't burn one.
 */
export async function nextLocalNumber(db: QabylDatabase, officeCode: string, now: number): Promise<string> {
  const tx = Dexie.currentTransaction;
  if (!tx || tx.mode !== 'readwrite' || !tx.storeNames.includes('meta')) {
    throw new Error('nextLocalNumber must run inside a readwrite transaction over meta');
  }
  const day = localDay(new Date(now));
  const key = `localNumber:${officeCode}`;
  const stored = (await db.meta.get(key))?.value as DailyCounter | undefined;
  const seq = stored?.day === day ? stored.seq + 1 : 1;
  await db.meta.put({ key, value: { day, seq } satisfies DailyCounter });
  // Past 9999 a day the number just grows a digit rather than wrapping into a duplicate.
  return `${officeCode}-${day}-${String(seq).padStart(4, '0')}`;
}

/** The office's calendar day: the workstation's local time, which is the office's time zone. */
function localDay(date: Date): string {
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  const dd = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}${mm}${dd}`;
}
