/**
 * The audit log: an append-only JSON-lines file under <dataDir>/audit/, each entry hash-chained to the one
 * before and, every `checkpointEvery` entries, at start and at close, sealed by a checkpoint signed with the
 * workstation's Ed25519 key. One writer: appends queue up and are written together, then synced, so a batch
 * of parallel calls costs one fsync and the chain never forks. A crash can cut only the last line; opening
 * drops that fragment and records that it did, so a cut is never confused with tampering.
 */
import { sign, type KeyObject } from 'node:crypto';
import { mkdir, open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { almatyDate } from '../../../shared/calendar/workingDays';
import type { AuditAction, AuditActor, AuditDetails, AuditEntry, AuditVerification } from '../../../shared/audit/auditEntry';
import { witnessPayload, type AuditWitness } from '../../../shared/audit/auditWitness';
import { auditFileIn, checkpointPayload, entryHash, GENESIS_PREV_HASH } from './auditChain';
import { createFileAuditKeyStore, publicKeyInfo, type AuditKeyStore, type PublicKeyInfo } from './auditKeyStore';
import { parseAuditLog, verifyAuditLog, type WitnessCopy } from './verifyAuditLog';

export interface AuditEvent {
  actor: AuditActor;
  action: AuditAction;
  subject?: string;
  details?: AuditDetails;
}

export interface AuditQuery {
  limit: number;
  /** Entries numbered below this one (the next page, newest first). */
  before?: number;
  actions?: readonly AuditAction[];
  /** Asia/Almaty day, YYYY-MM-DD. */
  day?: string;
}

export interface AuditLog {
  /** Resolves once the entry is on disk (synced). */
  append(event: AuditEvent): Promise<AuditEntry>;
  recent(query: AuditQuery): Promise<{ entries: AuditEntry[]; hasMore: boolean }>;
  /** `witnesses`: copies kept elsewhere (the gateway's); the vault's and this run's are always checked. */
  verify(options?: { publicKeyPem?: string; witnesses?: WitnessCopy[] }): Promise<AuditVerification>;
  publicKey(): PublicKeyInfo;
  /** The newest checkpoint, signed: what goes to the gateway with each submission. */
  witness(): AuditWitness | null;
  /** Seals the log with a last checkpoint; appends after this fail. */
  close(): Promise<void>;
}

export interface AuditLogOptions {
  /** <dataDir>/audit */
  dir: string;
  /** Default: an unsealed key file beside the log (tests and tools; the host passes a vault-sealed one). */
  keyStore?: AuditKeyStore;
  checkpointEvery?: number;
  /** Actions sealed by a checkpoint (and a new witness) at once, not only every `checkpointEvery` entries. */
  checkpointAfter?: readonly AuditAction[];
  /** Where the witness of the newest checkpoint is kept apart from the log (the vault folder); none in tools. */
  witnessStore?: AuditWitnessStore;
  now?: () => Date;
}

export interface AuditWitnessStore {
  load(): Promise<AuditWitness | null>;
  save(witness: AuditWitness): Promise<void>;
}

const NEWLINE = 0x0a;

export async function openAuditLog(options: AuditLogOptions): Promise<AuditLog> {
  const file = auditFileIn(options.dir);
  const every = options.checkpointEvery ?? 100;
  const now = options.now ?? (() => new Date());
  await mkdir(options.dir, { recursive: true });
  const privateKey: KeyObject = await (options.keyStore ?? createFileAuditKeyStore(join(options.dir, 'audit-key.der'))).loadOrCreate();
  const key = publicKeyInfo(privateKey);

  const recovered = await dropTornTail(file);
  const { lines } = parseAuditLog(await readFile(file, 'utf8').catch(() => ''));
  const written = lines.filter((entry): entry is AuditEntry => entry !== null);
  const last = written.at(-1);
  let lastSeq = last?.seq ?? 0;
  let lastHash = last?.hash ?? GENESIS_PREV_HASH;
  let lastAction = last?.action;
  let sinceCheckpoint = written.length - 1 - written.findLastIndex((entry) => entry.action === 'audit.checkpoint');
  const after = new Set(options.checkpointAfter ?? []);
  const kept = (await options.witnessStore?.load()) ?? null;
  // A log that no longer reaches its kept witness was cut back or rewritten: the witness is then never moved
  // again, so the fault stays visible to every verification until the log is restored from a backup.
  const witnessHeld = !kept || (kept.keyFingerprint === key.fingerprint && written.some((entry) => entry.seq === kept.seq && entry.hash === kept.hash));
  let latest: AuditWitness | null = witnessHeld ? kept : null;
  const witnessOf = (checkpoint: AuditEntry): AuditWitness => ({
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    keyFingerprint: key.fingerprint,
    at: checkpoint.at,
    signature: sign(null, Buffer.from(witnessPayload(checkpoint.seq, checkpoint.hash), 'utf8'), privateKey).toString('base64'),
  });
  const handle: FileHandle = await open(file, 'a', 0o600);
  let size = (await handle.stat()).size;
  let closed = false;

  const seal = (event: AuditEvent): AuditEntry => {
    const unsealed = { seq: lastSeq + 1, at: now().toISOString(), ...event, prevHash: lastHash };
    const entry = { ...unsealed, hash: entryHash(unsealed) } as AuditEntry;
    lastSeq = entry.seq;
    lastHash = entry.hash;
    lastAction = entry.action;
    sinceCheckpoint = entry.action === 'audit.checkpoint' ? 0 : sinceCheckpoint + 1;
    return entry;
  };
  const checkpointEvent = (reason: string): AuditEvent => ({
    actor: 'workstation',
    action: 'audit.checkpoint',
    details: { reason, seq: lastSeq, hash: lastHash, keyFingerprint: key.fingerprint, signature: sign(null, checkpointPayload(lastSeq, lastHash), privateKey).toString('base64') },
  });

  // Everything touching the file runs one at a time, in order.
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = turn.then(work);
    turn = run.catch(() => undefined);
    return run;
  };

  /** Writes events (and any checkpoints they make due) as one synced write; on failure the file and chain stay as they were. */
  const write = async (events: AuditEvent[]): Promise<AuditEntry[]> => {
    if (closed) throw new Error('audit log is closed');
    const before = { lastSeq, lastHash, lastAction, sinceCheckpoint };
    const entries: AuditEntry[] = [];
    const sealed: AuditEntry[] = [];
    for (const event of events) {
      const entry = seal(event);
      entries.push(entry);
      sealed.push(entry);
      if (sinceCheckpoint >= every || after.has(entry.action)) sealed.push(seal(checkpointEvent(after.has(entry.action) ? entry.action : 'interval')));
    }
    const text = sealed.map((entry) => `${JSON.stringify(entry)}\n`).join('');
    try {
      await handle.write(text);
      await handle.sync();
      size += Buffer.byteLength(text);
    } catch (error) {
      ({ lastSeq, lastHash, lastAction, sinceCheckpoint } = before);
      await handle.truncate(size).catch(() => undefined);
      throw error;
    }
    const checkpoint = sealed.findLast((entry) => entry.action === 'audit.checkpoint');
    if (checkpoint && witnessHeld) {
      latest = witnessOf(checkpoint);
      await options.witnessStore?.save(latest);
    }
    return entries;
  };

  let pending: { event: AuditEvent; resolve: (entry: AuditEntry) => void; reject: (error: unknown) => void }[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      const entries = await write(batch.map((item) => item.event));
      batch.forEach((item, index) => item.resolve(entries[index] as AuditEntry));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  };

  await exclusive(async () => {
    const opening: AuditEvent[] = [];
    if (lastSeq === 0) opening.push({ actor: 'workstation', action: 'audit.genesis', details: { publicKey: key.spkiBase64, keyFingerprint: key.fingerprint, algorithm: 'Ed25519' } });
    if (recovered) opening.push({ actor: 'workstation', action: 'audit.recovered', details: { droppedBytes: recovered.droppedBytes } });
    if (opening.length > 0) await write(opening);
    if (lastAction !== 'audit.checkpoint') await write([checkpointEvent('start')]);
  });

  return {
    append(event) {
      return new Promise((resolve, reject) => {
        pending.push({ event, resolve, reject });
        // The first append of a burst schedules the write; the rest join it while it waits its turn.
        if (pending.length === 1) void exclusive(flush);
      });
    },
    recent: ({ limit, before, actions, day }) =>
      exclusive(async () => {
        const { lines: all } = parseAuditLog(await readFile(file, 'utf8'));
        const matching = all
          .filter((entry): entry is AuditEntry => entry !== null)
          .filter((entry) => (before === undefined || entry.seq < before) && (!actions?.length || actions.includes(entry.action)) && (!day || almatyDate(entry.at) === day))
          .reverse();
        return { entries: matching.slice(0, limit), hasMore: matching.length > limit };
      }),
    verify: (verifyOptions) =>
      exclusive(async () => {
        const vault = (await options.witnessStore?.load()) ?? null;
        const copies: WitnessCopy[] = [...(vault ? [{ witness: vault, source: 'vault' }] : []), ...(latest ? [{ witness: latest, source: 'this run' }] : []), ...(verifyOptions?.witnesses ?? [])];
        return verifyAuditLog(options.dir, { ...(verifyOptions?.publicKeyPem ? { publicKeyPem: verifyOptions.publicKeyPem } : {}), witnesses: copies });
      }),
    publicKey: () => key,
    witness: () => latest,
    close: () =>
      exclusive(async () => {
        if (closed) return;
        await flush();
        if (lastAction !== 'audit.checkpoint') await write([checkpointEvent('close')]);
        closed = true;
        await handle.close();
      }),
  };
}

/** A last line without its newline is a write the crash interrupted: cut it off, or finish it when it is whole. */
async function dropTornTail(file: string): Promise<{ droppedBytes: number } | null> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!bytes || bytes.length === 0 || bytes[bytes.length - 1] === NEWLINE) return null;
  const keep = bytes.lastIndexOf(NEWLINE) + 1;
  if (!parseAuditLog(bytes.subarray(keep).toString('utf8')).tornTail) {
    const handle = await open(file, 'a');
    await handle.write('\n');
    await handle.sync();
    await handle.close();
    return null;
  }
  await truncate(file, keep);
  return { droppedBytes: bytes.length - keep };
}
