import { afterEach, describe, expect, it } from 'vitest';
import type { QabylDatabase } from './database';
import { fieldKeysMatch } from './keyCheck';
import { openTestDb, testFieldKeys } from './testDb.testkit';

let db: QabylDatabase | undefined;
afterEach(() => db?.close());

const otherKey = () => crypto.getRandomValues(new Uint8Array(32));

describe('fieldKeysMatch', () => {
  it('records the keys at the first open, accepts them again, and refuses other field or index keys', async () => {
    db = openTestDb();
    const name = db.name;
    expect(await fieldKeysMatch(db)).toBe(true);
    db.close();
    db = openTestDb(name);
    expect(await fieldKeysMatch(db)).toBe(true);
    db.close();
    db = openTestDb(name, { fieldKey: otherKey(), indexKey: testFieldKeys.indexKey });
    expect(await fieldKeysMatch(db)).toBe(false);
    db.close();
    db = openTestDb(name, { fieldKey: testFieldKeys.fieldKey, indexKey: otherKey() });
    expect(await fieldKeysMatch(db)).toBe(false);
  });
});
