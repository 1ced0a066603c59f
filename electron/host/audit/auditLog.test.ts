import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/auditEntry';
import { auditFileIn, entryHash } from './auditChain';
import { openAuditLog, type AuditEvent } from './auditLog';
import { verifyAuditLog } from './verifyAuditLog';
import { createFileAuditKeyStore, publicKeyInfo } from './auditKeyStore';
import { keySealer } from '../vault/vault';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qabyl-audit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const operator = { operatorId: 'op-1', login: 'aigerim' };
const event = (index: number): AuditEvent => ({ actor: operator, action: 'request.changed', subject: `request-${index}`, details: { fields: ['phone'] } });

/** A closed log of genesis, start checkpoint, `count` events (with interval checkpoints) and a close checkpoint. */
async function writeLog(count: number, checkpointEvery = 100): Promise<void> {
  const log = await openAuditLog({ dir, checkpointEvery });
  for (let i = 0; i < count; i++) await log.append(event(i));
  await log.close();
}

const readLines = async () => (await readFile(auditFileIn(dir), 'utf8')).split('\n').filter(Boolean);
const writeLines = (lines: string[]) => writeFile(auditFileIn(dir), lines.map((line) => `${line}\n`).join(''));
const entryAt = (lines: string[], seq: number) => JSON.parse(lines[seq - 1] as string) as AuditEntry;
/** What a careful forger does: change an entry and give it a fresh, self-consistent hash. */
const rehashed = (entry: AuditEntry) => JSON.stringify({ ...entry, hash: entryHash(entry) });

describe('audit log', () => {
  it('starts with the public key, chains every entry and verifies intact', async () => {
    await writeLog(10);
    const lines = await readLines();
    expect(entryAt(lines, 1).action).toBe('audit.genesis');
    expect(entryAt(lines, 2).action).toBe('audit.checkpoint');
    expect(entryAt(lines, 13).details?.reason).toBe('close');
    const result = await verifyAuditLog(dir);
    expect(result).toMatchObject({ ok: true, entries: 13, checkpoints: 2, sealedThrough: 13 });
    expect(result.firstProblem).toBeUndefined();
  });

  it('signs a checkpoint every N entries', async () => {
    await writeLog(25, 10);
    const checkpoints = (await readLines()).map((line) => JSON.parse(line) as AuditEntry).filter((entry) => entry.action === 'audit.checkpoint');
    expect(checkpoints.map((entry) => entry.details?.reason)).toEqual(['start', 'interval', 'interval', 'close']);
    expect(await verifyAuditLog(dir)).toMatchObject({ ok: true, checkpoints: 4 });
  });

  it('reopening continues the same chain', async () => {
    await writeLog(3);
    await writeLog(3);
    const result = await verifyAuditLog(dir);
    expect(result).toMatchObject({ ok: true, entries: 6 + 4 });
  });

  it('detects an edited middle line', async () => {
    await writeLog(10);
    const lines = await readLines();
    lines[5] = (lines[5] as string).replace('"phone"', '"address"');
    await writeLines(lines);
    expect((await verifyAuditLog(dir)).firstProblem).toMatchObject({ seq: 6, kind: 'edited' });
  });

  it('detects an edit even when the forger recomputes that entry’s hash', async () => {
    await writeLog(10);
    const lines = await readLines();
    lines[5] = rehashed({ ...entryAt(lines, 6), subject: 'request-forged' });
    await writeLines(lines);
    expect((await verifyAuditLog(dir)).firstProblem).toMatchObject({ seq: 6, kind: 'edited' });
  });

  it('detects a deleted line', async () => {
    await writeLog(10);
    const lines = await readLines();
    lines.splice(6, 1);
    await writeLines(lines);
    expect((await verifyAuditLog(dir)).firstProblem).toMatchObject({ seq: 7, kind: 'deleted' });
  });

  it('detects two swapped lines', async () => {
    await writeLog(10);
    const lines = await readLines();
    [lines[4], lines[5]] = [lines[5] as string, lines[4] as string];
    await writeLines(lines);
    expect((await verifyAuditLog(dir)).firstProblem).toMatchObject({ seq: 5, kind: 'reordered' });
  });

  it('detects an inserted line', async () => {
    await writeLog(10);
    const lines = await readLines();
    const copy = entryAt(lines, 6);
    lines.splice(6, 0, rehashed({ ...copy, seq: 7, prevHash: copy.hash, subject: 'request-forged' }));
    await writeLines(lines);
    expect((await verifyAuditLog(dir)).firstProblem).toMatchObject({ seq: 7, kind: 'inserted' });
  });

  it('detects a changed checkpoint signature', async () => {
    await writeLog(10);
    const lines = await readLines();
    const checkpoint = entryAt(lines, 2);
    const signature = Buffer.from(checkpoint.details?.signature as string, 'base64');
    signature[0] = (signature[0] as number) ^ 0xff;
    lines[1] = rehashed({ ...checkpoint, details: { ...checkpoint.details, signature: signature.toString('base64') } });
    await writeLines(lines);
    expect((await verifyAuditLog(dir)).firstProblem).toMatchObject({ seq: 2, kind: 'badCheckpoint' });
  });

  it('detects a rewritten tail that a forger re-chained to the end, at the checkpoint that no longer fits', async () => {
    await writeLog(25, 10);
    const lines = await readLines();
    let prevHash = entryAt(lines, 4).hash;
    for (let seq = 5; seq <= lines.length; seq++) {
      const entry = { ...entryAt(lines, seq), prevHash, ...(seq === 5 ? { subject: 'request-forged' } : {}) };
      lines[seq - 1] = rehashed(entry);
      prevHash = entryHash(entry);
    }
    await writeLines(lines);
    expect((await verifyAuditLog(dir)).firstProblem).toMatchObject({ kind: 'badCheckpoint', seq: 13 });
  });

  it('detects a log rewritten from scratch under a new key when the verifier pins the original key', async () => {
    await writeLog(5);
    const original = (await verifyAuditLog(dir)).publicKeyPem as string;
    await rm(dir, { recursive: true });
    await writeLog(5);
    expect((await verifyAuditLog(dir)).ok).toBe(true);
    expect((await verifyAuditLog(dir, { publicKeyPem: original })).firstProblem).toMatchObject({ seq: 1, kind: 'rekeyed' });
  });

  it('reports a checkpoint signed with a key other than the genesis key as re-keyed', async () => {
    const keys: KeyObject[] = [generateKeyPairSync('ed25519').privateKey, generateKeyPairSync('ed25519').privateKey];
    let first = true;
    const keyStore = { loadOrCreate: async () => keys[first ? 0 : 1] as KeyObject };
    await (await openAuditLog({ dir, keyStore })).close();
    first = false;
    const log = await openAuditLog({ dir, keyStore });
    await log.append(event(1));
    await log.close();
    expect((await verifyAuditLog(dir)).firstProblem).toMatchObject({ seq: 4, kind: 'rekeyed' });
  });

  it('tells a crash-cut last line from tampering, and opening drops it and records that it did', async () => {
    await writeLog(5);
    const content = await readFile(auditFileIn(dir), 'utf8');
    const cut = content.slice(0, content.length - 40);
    await writeFile(auditFileIn(dir), cut);
    expect((await verifyAuditLog(dir)).firstProblem).toMatchObject({ seq: 8, kind: 'truncatedTail' });

    const log = await openAuditLog({ dir });
    await log.close();
    const lines = await readLines();
    expect(entryAt(lines, 8)).toMatchObject({ action: 'audit.recovered', details: { droppedBytes: (content.length - 40 - cut.lastIndexOf('\n') - 1) } });
    expect(await verifyAuditLog(dir)).toMatchObject({ ok: true, entries: 9 });
  });

  it('keeps a whole last entry that only lost its newline', async () => {
    await writeLog(2);
    const content = await readFile(auditFileIn(dir), 'utf8');
    await writeFile(auditFileIn(dir), content.slice(0, -1));
    expect((await verifyAuditLog(dir)).ok).toBe(true);
    await writeLog(1);
    expect(await verifyAuditLog(dir)).toMatchObject({ ok: true, entries: 7 });
  });

  it('100 parallel appends make one valid chain with every entry once', async () => {
    const log = await openAuditLog({ dir, checkpointEvery: 30 });
    const entries = await Promise.all(Array.from({ length: 100 }, (_, i) => log.append(event(i))));
    await log.close();
    expect(new Set(entries.map((entry) => entry.seq)).size).toBe(100);
    expect(new Set(entries.map((entry) => entry.subject)).size).toBe(100);
    const result = await verifyAuditLog(dir);
    expect(result).toMatchObject({ ok: true, entries: 100 + 2 + 3 + 1 });
  });

  it('pages newest first and filters by action and day', async () => {
    const log = await openAuditLog({ dir, now: () => new Date('2026-03-10T05:00:00Z') });
    for (let i = 0; i < 5; i++) await log.append(event(i));
    await log.append({ actor: 'workstation', action: 'submission.registered', subject: 'sub-1' });
    const page = await log.recent({ limit: 3, actions: ['request.changed'] });
    expect(page.entries.map((entry) => entry.subject)).toEqual(['request-4', 'request-3', 'request-2']);
    expect(page.hasMore).toBe(true);
    const next = await log.recent({ limit: 3, actions: ['request.changed'], before: (page.entries.at(-1) as AuditEntry).seq });
    expect(next.entries.map((entry) => entry.subject)).toEqual(['request-1', 'request-0']);
    expect((await log.recent({ limit: 50, day: '2026-03-10' })).entries).toHaveLength(8);
    expect((await log.recent({ limit: 50, day: '2026-03-11' })).entries).toHaveLength(0);
    await log.close();
  });

  it('keeps the signing key sealed under the data key: the same key on every start, useless under another', async () => {
    const file = join(dir, 'audit-key.sealed');
    const sealer = keySealer();
    const first = publicKeyInfo(await createFileAuditKeyStore(file, sealer).loadOrCreate());
    expect(publicKeyInfo(await createFileAuditKeyStore(file, sealer).loadOrCreate()).fingerprint).toBe(first.fingerprint);
    const kept = await readFile(file);
    expect(() => createPrivateKey({ key: kept, format: 'der', type: 'pkcs8' })).toThrow();
    await expect(createFileAuditKeyStore(file, keySealer()).loadOrCreate()).rejects.toThrow();
  });
});
