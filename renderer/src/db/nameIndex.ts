/**
 * The blind name keys of stored requests follow `foldName`; when the fold changes, keys written under the old one
 * no longer meet a query folded the new way. The fold in force is recorded in meta, and rows keyed under another
 * are re-keyed at start-up: those of an older installation and those a restore brought from an older backup alike
 * (a restore writes rows as stored, keys included, and cannot re-key them before the app reloads with the keys).
 */
import type { QabylDatabase } from './database';

const FOLD_KEY = 'nameFold';
/** 1: case and ё (until issue 20); 2: Kazakh letters as a Russian keyboard spells them, Latin i as и. */
export const NAME_FOLD = 2;
/** Fold 1, as versions before issue 20 keyed names: kept only to write such rows in tests. */
export const foldOne = (text: string) => text.normalize('NFC').toLowerCase().replaceAll('ё', 'е').trim().replace(/\s+/g, ' ');
/** Rows read and written back per transaction: short transactions keep the app responsive and a cut-off run resumable. */
const BATCH = 500;

/** Re-keys every request whose keys were written under another fold (`onStart` only when there is work); returns how many rows it wrote. */
export async function rekeyNamesIfFoldChanged(db: QabylDatabase, onStart?: () => void): Promise<number> {
  if ((await db.meta.get(FOLD_KEY))?.value === NAME_FOLD) return 0;
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
  await db.meta.put({ key: FOLD_KEY, value: NAME_FOLD });
  return written;
}
