/**
 * Issue 16, item 1: a log cut back to any checkpoint, or with its tail replaced, verified "intact" because the
 * file was the only record of how far it went. A witness kept apart from the log makes both detectable.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/auditEntry';
import { auditFileIn, entryHash } from './auditChain';
import { openAuditLog, type AuditEvent } from './auditLog';
import { createFileWitnessStore, readAuditWitness } from './auditWitnessStore';
import { verifyAuditLog } from './verifyAuditLog';

let dir: string;
let witnessFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qabyl-witness-'));
  witnessFile = join(dir, 'vault', 'audit-witness.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const operator = { operatorId: 'op-1', login: 'aigerim' };
const changed = (index: number): AuditEvent => ({ actor: operator, action: 'request.changed', subject: `request-${index}` });
const signed = (index: number): AuditEvent => ({ actor: operator, action: 'request.signed', subject: `request-${index}` });
const open = () => openAuditLog({ dir: join(dir, 'audit'), witnessStore: createFileWitnessStore(witnessFile), checkpointAfter: ['request.signed'] });
const logFile = () => auditFileIn(join(dir, 'audit'));
const readEntries = async () => (await readFile(logFile(), 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditEntry);
const writeEntries = (entries: AuditEntry[]) => writeFile(logFile(), entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
/** What `npm run audit:verify` does: the log against the witness in the vault folder. */
const verifyWithVault = async () => verifyAuditLog(join(dir, 'audit'), { witnesses: [{ witness: (await readAuditWitness(witnessFile))!, source: 'vault' }] });

/** A day's log: changes, a signed request (a checkpoint follows it), more changes, closed. */
async function writeDay(): Promise<void> {
  const log = await open();
  for (let i = 0; i < 3; i++) await log.append(changed(i));
  await log.append(signed(3));
  for (let i = 4; i < 7; i++) await log.append(changed(i));
  await log.close();
}

describe('audit witness', () => {
  it('seals every signed request with a checkpoint at once and keeps its signed witness in the vault folder', async () => {
    const log = await open();
    const entry = await log.append(signed(1));
    const entries = await readEntries();
    expect(entries.at(-1)).toMatchObject({ seq: entry.seq + 1, action: 'audit.checkpoint', details: { reason: 'request.signed', seq: entry.seq } });
    expect(await readAuditWitness(witnessFile)).toEqual({ ...log.witness(), seq: entry.seq + 1, hash: entries.at(-1)!.hash });
    await log.close();
    expect(await verifyWithVault()).toMatchObject({ ok: true });
  });

  it('reports a log cut back to its first checkpoint as truncated, with the missing range', async () => {
    await writeDay();
    const entries = await readEntries();
    const firstCheckpoint = entries.findIndex((entry) => entry.action === 'audit.checkpoint');
    await writeEntries(entries.slice(0, firstCheckpoint + 1));
    // Without the witness the cut log still looks whole, which is the hole.
    expect(await verifyAuditLog(join(dir, 'audit'))).toMatchObject({ ok: true });
    const result = await verifyWithVault();
    expect(result.firstProblem).toMatchObject({ kind: 'truncated', seq: firstCheckpoint + 2, missing: { from: firstCheckpoint + 2, to: entries.length } });
  });

  it('reports a tail deleted after a checkpoint and forged anew (self-consistent hashes) as not what the witness saw', async () => {
    await writeDay();
    const entries = await readEntries();
    const signedAt = entries.findIndex((entry) => entry.action === 'request.signed');
    // Keep everything up to the signed request, drop its checkpoint and the rest, and forge a chained tail as long.
    const forged = [...entries.slice(0, signedAt + 1)];
    while (forged.length < entries.length) {
      const previous = forged.at(-1)!;
      const unsealed = { seq: previous.seq + 1, at: previous.at, actor: operator, action: 'request.changed' as const, subject: 'forged', prevHash: previous.hash };
      forged.push({ ...unsealed, hash: entryHash(unsealed) } as AuditEntry);
    }
    await writeEntries(forged);
    expect(await verifyAuditLog(join(dir, 'audit'))).toMatchObject({ ok: true });
    expect((await verifyWithVault()).firstProblem).toMatchObject({ kind: 'edited' });
  });

  it('does not move the witness once the log falls short of it, so the next start cannot launder the cut', async () => {
    await writeDay();
    const entries = await readEntries();
    const kept = await readAuditWitness(witnessFile);
    await writeEntries(entries.slice(0, 3));
    const log = await open();
    for (let i = 0; i < 20; i++) await log.append(signed(100 + i));
    expect(await readAuditWitness(witnessFile)).toEqual(kept);
    expect((await log.verify()).firstProblem).toMatchObject({ kind: 'edited' });
    await log.close();
  });

  it('refuses a witness that is not signed with the log key', async () => {
    await writeDay();
    const kept = (await readAuditWitness(witnessFile))!;
    const lifted = { ...kept, seq: kept.seq + 5 };
    const result = await verifyAuditLog(join(dir, 'audit'), { witnesses: [{ witness: lifted, source: 'file' }] });
    expect(result.firstProblem).toMatchObject({ kind: 'badCheckpoint' });
  });
});
