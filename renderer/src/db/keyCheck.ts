/**
 * Whether the keys the host handed over are the ones this database was sealed with. Other keys (a data key
 * restored from elsewhere, another browser profile's host) would open nothing and find nothing; told at start-up,
 * that is one clear message instead of failures scattered over every screen.
 */
import type { QabylDatabase } from './database';

const CHECK_KEY = 'fieldKeyCheck';
const CHECK_TEXT = 'qabyl field keys';

interface KeyCheck {
  sealed: Uint8Array;
  blindKey: string;
}

/** True when the keys fit (the first open with keys records them); false when this database was sealed with others. */
export async function fieldKeysMatch(db: QabylDatabase): Promise<boolean> {
  return db.transaction('rw', db.meta, async () => {
    const check = (await db.meta.get(CHECK_KEY))?.value as KeyCheck | undefined;
    const blindKey = db.cipher.blindKey(CHECK_KEY, CHECK_TEXT);
    if (!check) {
      await db.meta.add({ key: CHECK_KEY, value: { sealed: db.cipher.seal(CHECK_TEXT, CHECK_KEY), blindKey } satisfies KeyCheck });
      return true;
    }
    if (check.blindKey !== blindKey) return false;
    try {
      return db.cipher.open(check.sealed, CHECK_KEY) === CHECK_TEXT;
    } catch {
      return false;
    }
  });
}
