/**
 * The renderer's half of a workstation backup: every Dexie row exactly as stored, personal fields still sealed.
 * A second connection without the sealing middleware reads and writes the raw rows, so nothing is decrypted on
 * the way out and the restored rows open with the restored data key once the app reloads.
 */
import { Dexie } from 'dexie';
import { MAX_ROWS_PAGE_CHARS } from '../../../shared/backup/backupManifest';
import type { IndexedDbDependencies } from './database';

export interface StoredDatabase {
  name: string;
  dependencies?: IndexedDbDependencies;
}

const READ_BATCH = 500;
/** Marks a restore under way, so one cut off half-way may be run again over its own rows. */
const RESTORING_KEY = 'backup.restoring';
/** Pages leave well under the host's limit: a row's JSON grows when bytes are written as base64. */
const PAGE_CHARS = MAX_ROWS_PAGE_CHARS / 2;

/** JSON has no bytes: sealed fields (Uint8Array) travel as base64 under a tag no row uses. */
const BYTES_TAG = '$qabylBytes';

function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  const bytes = raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw;
  return bytes instanceof Uint8Array ? { [BYTES_TAG]: btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join('')) } : value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && BYTES_TAG in value) return Uint8Array.from(atob(String((value as Record<string, unknown>)[BYTES_TAG])), (char) => char.charCodeAt(0));
  return value;
}

export const rowsToJson = (rows: unknown[]) => JSON.stringify(rows, replacer);
export const rowsFromJson = (json: string) => JSON.parse(json, reviver) as unknown[];

async function openStored({ name, dependencies }: StoredDatabase): Promise<Dexie> {
  // No schema declared: Dexie opens the database as it is, at its current version, with every table.
  const raw = new Dexie(name, dependencies);
  await raw.open();
  return raw;
}

/** Sends every table in pages (sendPage → backup.addRows); returns the rows sent. */
export async function exportStoredRows(database: StoredDatabase, sendPage: (table: string, rowsJson: string) => Promise<void>, onProgress?: (rows: number) => void): Promise<number> {
  const raw = await openStored(database);
  let sent = 0;
  try {
    for (const table of raw.tables) {
      const keyPath = table.schema.primKey.keyPath;
      if (typeof keyPath !== 'string') throw new Error(`table ${table.name} has no single key path`);
      let page: string[] = [];
      let pageChars = 0;
      const flush = async () => {
        if (page.length === 0) return;
        await sendPage(table.name, `[${page.join(',')}]`);
        sent += page.length;
        onProgress?.(sent);
        page = [];
        pageChars = 0;
      };
      let last: unknown;
      for (;;) {
        const collection = last === undefined ? table.orderBy(':id') : table.where(':id').above(last);
        const rows = await collection.limit(READ_BATCH).toArray();
        if (rows.length === 0) break;
        for (const row of rows) {
          const json = JSON.stringify(row, replacer);
          if (pageChars + json.length > PAGE_CHARS) await flush();
          page.push(json);
          pageChars += json.length + 1;
        }
        last = Dexie.getByKeyPath(rows[rows.length - 1], keyPath);
      }
      await flush();
    }
  } finally {
    raw.close();
  }
  return sent;
}

/** Whether this workstation may take a restore: no requests yet, or a restore of its own cut off half-way. */
export async function mayRestoreInto(database: StoredDatabase): Promise<boolean> {
  const raw = await openStored(database);
  try {
    return (await raw.table('requests').count()) === 0 || (await raw.table('meta').get(RESTORING_KEY)) !== undefined;
  } finally {
    raw.close();
  }
}

/** Replaces every table with the backup's rows, page by page (readPage → backup.readRows); returns the rows written. */
export async function importStoredRows(
  database: StoredDatabase,
  tables: string[],
  readPage: (table: string, page: number) => Promise<{ rowsJson: string; done: boolean }>,
  onProgress?: (rows: number) => void,
): Promise<number> {
  const raw = await openStored(database);
  try {
    const unknown = tables.filter((name) => !raw.tables.some((table) => table.name === name));
    if (unknown.length > 0) throw new Error(`the backup has tables this version does not know: ${unknown.join(', ')}`);
    await raw.transaction('rw', raw.tables, async () => {
      for (const table of raw.tables) await table.clear();
      await raw.table('meta').put({ key: RESTORING_KEY, value: true });
    });
    let written = 0;
    for (const name of tables) {
      for (let page = 0; ; page += 1) {
        const { rowsJson, done } = await readPage(name, page);
        const rows = rowsFromJson(rowsJson);
        await raw.table(name).bulkPut(rows);
        written += rows.length;
        onProgress?.(written);
        if (done) break;
      }
    }
    await raw.table('meta').delete(RESTORING_KEY);
    return written;
  } finally {
    raw.close();
  }
}
