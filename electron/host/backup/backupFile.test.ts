import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostError } from '../../../shared/host/hostError';
import { CHUNK_BYTES, createBackupFileWriter, HEADER_BYTES, MANIFEST_SLOT_BYTES, openBackupFile } from './backupFile';
import { readRecords, writeRecord } from './backupRecords';

/** The cheapest scrypt a backup file accepts, so each case costs milliseconds, not half a second. */
const FAST = { logN: 15, r: 8, p: 1 };
const PASSPHRASE = 'көктем-2025-алматы';
const CHUNK_ON_DISK = 4 + 12 + CHUNK_BYTES + 16;
const FIRST_DATA_CHUNK = HEADER_BYTES + 4 + 12 + MANIFEST_SLOT_BYTES + 16;

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'qabyl-backup-file-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

/** A backup of three records spanning several chunks: a 2.5 MiB file between two rows pages. */
async function writeSample(path = join(folder, 'sample.qbk')) {
  const big = randomBytes(2.5 * CHUNK_BYTES);
  const rows = Buffer.from(JSON.stringify([{ id: 'r1', status: 'queued' }]));
  const writer = await createBackupFileWriter(path, PASSPHRASE, FAST);
  await writeRecord(writer, { type: 'rows', table: 'requests', count: 1, bytes: rows.byteLength }, rows);
  await writeRecord(writer, { type: 'file', path: 'documents/ab/abcd', bytes: big.byteLength }, big);
  await writeRecord(writer, { type: 'rows', table: 'events', count: 0, bytes: 2 }, Buffer.from('[]'));
  const bytes = await writer.finish({ office: 'ALM01' });
  return { path, big, rows, bytes };
}

async function readAll(path: string, passphrase = PASSPHRASE) {
  const reader = await openBackupFile(path, passphrase);
  try {
    const records = [];
    for await (const record of readRecords(reader)) records.push(record);
    return { manifest: reader.manifest, records };
  } finally {
    await reader.close();
  }
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (failure: unknown) => failure);
  expect(error).toBeInstanceOf(HostError);
  return (error as HostError).code;
}

async function edit(path: string, change: (bytes: Buffer) => Buffer) {
  await writeFile(path, change(await readFile(path)));
}

describe('backup file', () => {
  it('gives back every record, byte for byte, across chunk boundaries', async () => {
    const { path, big, rows, bytes } = await writeSample();
    expect((await readFile(path)).byteLength).toBe(bytes);
    const { manifest, records } = await readAll(path);
    expect(manifest).toEqual({ office: 'ALM01' });
    expect(records.map((record) => record.header.type)).toEqual(['rows', 'file', 'rows']);
    expect(records[0]!.body.equals(rows)).toBe(true);
    expect(records[1]!.body.equals(big)).toBe(true);
    expect(records[2]!.body.toString()).toBe('[]');
  });

  it('starts again at a record it saw before', async () => {
    const { path } = await writeSample();
    const reader = await openBackupFile(path, PASSPHRASE);
    const places = [];
    for await (const record of readRecords(reader)) places.push(record.place);
    const again = await readRecords(reader, places[2]).next();
    await reader.close();
    expect(again.value?.header).toEqual({ type: 'rows', table: 'events', count: 0, bytes: 2 });
  });

  it('tells a wrong passphrase apart from damage', async () => {
    const { path } = await writeSample();
    expect(await refusal(openBackupFile(path, 'not-the-passphrase'))).toBe('backup.wrongPassphrase');
  });

  it('refuses a file that is not a backup', async () => {
    const path = join(folder, 'receipt.pdf');
    await writeFile(path, Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(200)]));
    expect(await refusal(openBackupFile(path, PASSPHRASE))).toBe('backup.notABackup');
    await writeFile(path, '');
    expect(await refusal(openBackupFile(path, PASSPHRASE))).toBe('backup.notABackup');
  });

  it('refuses a backup cut short, even exactly at a chunk boundary', async () => {
    const { path, bytes } = await writeSample();
    const copy = join(folder, 'cut.qbk');
    for (const length of [bytes - 1, FIRST_DATA_CHUNK + 2 * CHUNK_ON_DISK, FIRST_DATA_CHUNK + CHUNK_ON_DISK, FIRST_DATA_CHUNK]) {
      await writeFile(copy, (await readFile(path)).subarray(0, length));
      expect(await refusal(readAll(copy))).toBe('backup.damaged');
    }
  });

  it('refuses a backup with one byte flipped, in the manifest or in the data', async () => {
    for (const offset of [HEADER_BYTES + 100, FIRST_DATA_CHUNK + CHUNK_ON_DISK + 500, -5]) {
      const { path } = await writeSample(join(folder, `flip${offset}.qbk`));
      await edit(path, (bytes) => {
        const at = offset < 0 ? bytes.byteLength + offset : offset;
        bytes[at] = bytes[at]! ^ 0x01;
        return bytes;
      });
      expect(await refusal(readAll(path))).toBe('backup.damaged');
    }
  });

  it('refuses a backup with two chunks swapped', async () => {
    const { path } = await writeSample();
    await edit(path, (bytes) => {
      const first = bytes.subarray(FIRST_DATA_CHUNK, FIRST_DATA_CHUNK + CHUNK_ON_DISK);
      const second = bytes.subarray(FIRST_DATA_CHUNK + CHUNK_ON_DISK, FIRST_DATA_CHUNK + 2 * CHUNK_ON_DISK);
      return Buffer.concat([bytes.subarray(0, FIRST_DATA_CHUNK), Buffer.from(second), Buffer.from(first), bytes.subarray(FIRST_DATA_CHUNK + 2 * CHUNK_ON_DISK)]);
    });
    expect(await refusal(readAll(path))).toBe('backup.damaged');
  });

  it('refuses key parameters it does not write before spending anything on them (a crafted header costs no scrypt)', async () => {
    const { path } = await writeSample();
    // logN 20, r 16, p 4 asked 18 s and 2.2 GB of every inspect; anything dearer than a real backup is refused as well.
    for (const [logN, r, p] of [[18, 8, 1], [20, 16, 4], [17, 16, 1], [17, 8, 2], [14, 8, 1]] as const) {
      await edit(path, (bytes) => Buffer.concat([bytes.subarray(0, 9), Buffer.from([logN, r, p]), bytes.subarray(12)]));
      const started = performance.now();
      await expect(readAll(path), `${logN}/${r}/${p}`).rejects.toMatchObject({ code: 'backup.damaged', detail: 'key parameters' });
      expect(performance.now() - started).toBeLessThan(250);
    }
  });

  it('refuses data appended after the final chunk', async () => {
    const { path } = await writeSample();
    await edit(path, (bytes) => Buffer.concat([bytes, bytes.subarray(FIRST_DATA_CHUNK, FIRST_DATA_CHUNK + CHUNK_ON_DISK)]));
    expect(await refusal(readAll(path))).toBe('backup.damaged');
  });
});
