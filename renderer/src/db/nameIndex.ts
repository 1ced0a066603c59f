/**
 * The blind search keys of stored requests follow a layout (searchKeys.ts: how names are folded, which prefixes are
 * keyed); when it changes, keys written under the old one no longer meet a query looked up the new way, or weigh
 * down every row and index with keys no query reads. The layout in force is recorded in meta, and rows keyed under
 * another are re-keyed at start-up: those of an older installation and those a restore brought from an older backup
 * alike (a restore writes rows as stored, keys included, and cannot re-key them before the app reloads with the keys).
 */
import type { QabylDatabase } from './database';
import { foldName, type SearchKeyLayout } from './searchKeys';

/** Kept under the name it had when only the fold was recorded, so installations of that time re-key once more. */
const LAYOUT_KEY = 'nameFold';
/** Fold 1, as versions before issue 20 keyed names: kept only to write such rows in tests. */
export const foldOne = (text: string) => text.normalize('NFC').toLowerCase().replaceAll('ё', 'е').trim().replace(/\s+/g, ' ');
const UNTIL_ISSUE_21 = { name: { min: 2, max: 16 }, iinPrefixLengths: [4, 5, 6, 7, 8, 9, 10, 11] } as const;
/**
 * Layouts earlier versions wrote, by the number recorded: 1, case and ё only (until issue 20); 2, Kazakh letters as a
 * Russian keyboard spells them; both with every name prefix of 2 to 16 letters and every IIN prefix from 4 digits.
 * 3 is searchKeys' SEARCH_KEY_LAYOUT. Kept to write such rows in tests.
 */
export const OLDER_LAYOUTS: Readonly<Record<1 | 2, SearchKeyLayout>> = { 1: { fold: foldOne, ...UNTIL_ISSUE_21 }, 2: { fold: foldName, ...UNTIL_ISSUE_21 } };
export const SEARCH_KEYS_VERSION = 3;
/** Rows read and written back per transaction: short transactions keep the app responsive and a cut-off run resumable. */
const BATCH = 500;

/** Re-keys every request whose keys were written under another layout (`onStart` only when there is work); returns how many rows it wrote. */
export async function rekeySearchKeysIfLayoutChanged(db: QabylDatabase, onStart?: () => void): Promise<number> {
  if ((await db.meta.get(LAYOUT_KEY))?.value === SEARCH_KEYS_VERSION) return 0;
  onStart?.();
  let written = 0;
  let last: string | undefined;
  for (;;) {
    const batch = await db.transaction('rw', db.requests, async () => {
      const collection = last === undefined ? db.requests.orderBy(':id') : db.requests.where(':id').above(last);
      const rows = await collection.limit(BATCH).toArray();
      // Read and written back in one transaction, so an edit meanwhile is never overwritten; the sealing
      // middleware derives the keys again from the opened row as it writes it.
      await db.requests.bulkPut(rows);
      return rows;
    });
    if (batch.length === 0) break;
    written += batch.length;
    last = batch[batch.length - 1]!.id;
  }
  await db.meta.put({ key: LAYOUT_KEY, value: SEARCH_KEYS_VERSION });
  return written;
}
